/**
 * Blind annotation (`seedAnnotator.show`: "everyone" | "mine"): one read filter on the store, so decorations,
 * hovers, the panel, the tree counts and Tag next all see only my annotations; a status-bar item shows and toggles it.
 */
import * as vscode from 'vscode';
import { isShowMode, visibleTo, type ShowMode } from '../../core/team/visibility';
import type { AnnotationStore } from '../annotations/store';
import type { AnnotatorIdentity } from './identity';

export const TOGGLE_SHOW_COMMAND = 'seedAnnotator.toggleShow';

export function showMode(): ShowMode {
  const value = vscode.workspace.getConfiguration('seedAnnotator').get<string>('show', 'everyone');
  return isShowMode(value) ? value : 'everyone';
}

export function registerBlindMode(store: AnnotationStore, identity: AnnotatorIdentity): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('seedAnnotator.show', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Seed Annotator: whose annotations are shown';
  item.command = TOGGLE_SHOW_COMMAND;
  const apply = () => {
    const mode = showMode();
    store.setReadFilter(mode === 'everyone' ? null : (doc) => visibleTo(doc, identity.author(doc.docUri), mode));
    const me = identity.author(vscode.window.activeTextEditor?.document.uri) || 'no name set';
    item.text = mode === 'mine' ? '$(eye-closed) Mine only' : '$(eye) Everyone';
    item.tooltip = mode === 'mine'
      ? `Seed Annotator shows only your annotations (${me}); the others' are kept in the sidecars. Click to show everyone's.`
      : `Seed Annotator shows everyone's annotations. Click to see only yours (${me}): blind annotation.`;
    item.show();
  };
  apply();
  return [
    item,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('seedAnnotator.show') || e.affectsConfiguration('seedAnnotator.author')) apply();
    }),
    vscode.commands.registerCommand(TOGGLE_SHOW_COMMAND, async () => {
      const next: ShowMode = showMode() === 'mine' ? 'everyone' : 'mine';
      const config = vscode.workspace.getConfiguration('seedAnnotator');
      const target = config.inspect('show')?.workspaceValue !== undefined || vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await config.update('show', next, target);
    }),
  ];
}
