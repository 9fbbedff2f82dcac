/**
 * *Resolve Sidecar Merge Conflict*: a sidecar git left with `<<<<<<<` markers is rebuilt from git's stages
 * (1 base, 2 ours, 3 theirs) — or, outside a merge, from the markers — with the merge driver's merge, written
 * atomically, and staged when nothing is left in two versions. Needs a trusted workspace (it runs git).
 */
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/annotations/atomic';
import { documentPathForSidecar, isSidecarPath, sidecarPathFor } from '../../core/annotations/paths';
import { formatProblem } from '../../core/annotations/problems';
import { hasConflictMarkers, splitConflictMarkers } from '../../core/team/conflictMarkers';
import { mergeSidecarTexts, type SidecarVersions } from '../../core/team/mergeDriver';
import type { AnnotationStore, DocumentAnnotations } from '../annotations/store';
import { workspaceSidecarFs } from '../annotations/workspaceFs';
import { repositoryRoot, runGit } from './git';

export const RESOLVE_COMMAND = 'seedAnnotator.resolveSidecarConflict';

export function isMergeConflict(doc: DocumentAnnotations): boolean {
  return doc.state === 'unreadable' && doc.problems.some((p) => p.message.startsWith('merge conflict'));
}

export function registerConflictResolution(store: AnnotationStore, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const announced = new Set<string>();
  return [
    vscode.commands.registerCommand(RESOLVE_COMMAND, async (target?: vscode.Uri) => {
      const docUri = await pickDocument(store, target);
      if (!docUri) return undefined;
      if (!vscode.workspace.isTrusted) {
        const choice = await vscode.window.showWarningMessage(
          'Resolving a sidecar merge conflict runs git, which needs a trusted workspace.',
          { modal: true },
          'Manage Workspace Trust',
        );
        if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
        return undefined;
      }
      try {
        const message = await resolve(docUri);
        await store.reload(docUri);
        log.info(message);
        void vscode.window.showInformationMessage(`Seed Annotator: ${message}`);
        return message;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(message);
        void vscode.window.showErrorMessage(`Seed Annotator: ${message}`);
        return undefined;
      }
    }),
    // A conflicted sidecar says so once, with the way out.
    store.onDidChange((doc) => {
      const key = doc.sidecarUri.toString();
      if (!isMergeConflict(doc)) {
        announced.delete(key);
        return;
      }
      if (announced.has(key)) return;
      announced.add(key);
      void vscode.window
        .showWarningMessage(`Seed Annotator: ${vscode.workspace.asRelativePath(doc.sidecarUri, false)} has a git merge conflict; it is left untouched.`, 'Resolve Sidecar Merge Conflict')
        .then((choice) => choice && vscode.commands.executeCommand(RESOLVE_COMMAND, doc.docUri));
    }),
  ];
}

async function pickDocument(store: AnnotationStore, target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (target) return isSidecarPath(target.path) ? vscode.Uri.parse(documentPathForSidecar(target.toString())!) : target;
  const conflicted = store.loaded().filter(isMergeConflict);
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && conflicted.some((d) => d.docUri.toString() === active.toString())) return active;
  if (conflicted.length === 1) return conflicted[0]!.docUri;
  if (conflicted.length === 0) {
    if (active) return active;
    void vscode.window.showInformationMessage('Seed Annotator: no sidecar with a merge conflict is open.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    conflicted.map((d) => ({ label: vscode.workspace.asRelativePath(d.sidecarUri, false), uri: d.docUri })),
    { title: 'Resolve Sidecar Merge Conflict', placeHolder: 'Which sidecar?' },
  );
  return picked?.uri;
}

/** Rebuilds the sidecar of `docUri`; returns what was done. Throws (file untouched) when it cannot. */
async function resolve(docUri: vscode.Uri): Promise<string> {
  const sidecarUri = vscode.Uri.parse(sidecarPathFor(docUri.toString()));
  const label = vscode.workspace.asRelativePath(sidecarUri, false);
  const root = await repositoryRoot(vscode.Uri.joinPath(sidecarUri, '..'));
  const rel = root ? relativePath(root, sidecarUri) : null;
  let versions: SidecarVersions | null = root && rel ? await stages(root, rel, label) : null;
  const fromGit = versions !== null;
  if (!versions) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarUri));
    if (!hasConflictMarkers(text)) return `${label} has no merge conflict to resolve.`;
    versions = splitConflictMarkers(text);
    if (!versions) throw new Error(`${label}: the conflict markers are not well formed and git holds no stages for it; left untouched.`);
  }
  const merged = mergeSidecarTexts(versions, label);
  if (!merged.ok) throw new Error(`${label} not resolved (left untouched): ${merged.problems.map(formatProblem).join('; ')}`);
  await writeFileAtomic(workspaceSidecarFs, sidecarUri.toString(), new TextEncoder().encode(merged.text));
  const count = `${merged.sidecar.annotations.length} annotations, ${merged.sidecar.relations.length} links`;
  if (merged.conflicts.length > 0) return `${label} merged by id (${count}); ${merged.conflicts.length} item(s) were changed differently on both sides: pick a version of each in the editor, then stage the file.`;
  if (fromGit && root && rel) {
    const added = await runGit(root, ['add', '--', rel]);
    if (added?.code === 0) return `${label} merged by id (${count}) and staged.`;
  }
  return `${label} merged by id (${count}).`;
}

async function stages(root: vscode.Uri, rel: string, label: string): Promise<SidecarVersions | null> {
  const listed = await runGit(root, ['ls-files', '-u', '-z', '--', rel]);
  if (!listed || listed.code !== 0 || listed.stdout === '') return null;
  const found: Record<string, string> = {};
  for (const record of listed.stdout.split('\0')) {
    const m = /^\d+ ([0-9a-f]+) ([123])\t/.exec(record);
    if (!m) continue;
    const blob = await runGit(root, ['cat-file', 'blob', m[1]!]);
    if (!blob || blob.code !== 0) throw new Error(`${label}: git cat-file failed: ${blob?.stderr.trim() ?? 'git could not run'}`);
    found[m[2]!] = blob.stdout;
  }
  if (found['2'] === undefined || found['3'] === undefined) {
    throw new Error(`${label}: one side deleted the sidecar; keep the other with git checkout --ours/--theirs (nothing is merged here).`);
  }
  return { base: found['1'] ?? null, ours: found['2'], theirs: found['3'] };
}

function relativePath(root: vscode.Uri, file: vscode.Uri): string | null {
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return file.path.startsWith(base) ? file.path.slice(base.length) : null;
}
