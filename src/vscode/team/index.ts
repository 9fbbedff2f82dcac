/** Teamwork in VS Code: who is annotating, blind mode, git merging of sidecars, merge conflicts. */
import * as vscode from 'vscode';
import type { AnnotationStore } from '../annotations/store';
import { registerBlindMode } from './blindMode';
import { registerConflictLens } from './conflictLens';
import { registerGitMerging } from './gitMerging';
import { AnnotatorIdentity } from './identity';
import { registerConflictResolution } from './resolveConflict';

export function registerTeam(deps: { context: vscode.ExtensionContext; store: AnnotationStore; log: vscode.LogOutputChannel }): vscode.Disposable[] {
  const { context, store, log } = deps;
  const identity = new AnnotatorIdentity(context.globalState, log);
  store.setIdentity((uri) => identity.author(uri), (uri) => identity.prepare(uri));
  const blind = registerBlindMode(store, identity);
  const refresh = () => store.setIdentity((uri) => identity.author(uri), (uri) => identity.prepare(uri));
  void identity.warmUp();
  return [
    identity,
    identity.onDidChange(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('seedAnnotator.author') && refresh()),
    ...blind,
    ...registerGitMerging(context, log),
    ...registerConflictResolution(store, log),
    ...registerConflictLens(store),
  ];
}
