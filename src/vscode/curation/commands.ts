/**
 * Adjudication commands (issue #13): Review Document, the decisions (accept, accept all agreed, edit, reject,
 * add, undo, accept a link), the curation status and Next Document to Curate. Each takes an argument object
 * (tests, keybindings, the panel) or works on the active editor with a quick pick.
 */
import * as vscode from 'vscode';
import { CURATION_STATUSES, type CurationStatus } from '../../core/annotations/schema';
import { CURATION_STATUS_LABELS, UNIT_KIND_LABELS, curationStatusOf, type GoldEdit, type ReviewUnit } from '../../core/curation/index';
import { LANGUAGE_ID } from '../languageDetection';
import type { DocumentIndex } from '../documentIndex';
import { registerReportingCommand } from '../reportingCommand';
import {
  acceptAgreed, acceptLink, acceptVersion, addGold, editVersion, rejectUnit, setCurationStatus, undoDecision, unitsFor, type CurationDeps,
} from './actions';
import { reviewMode } from './reviewMode';

interface Args {
  uri?: string;
  id?: string;
  changes?: GoldEdit;
  tag?: string;
  start?: number;
  end?: number;
  attributes?: Record<string, unknown>;
  note?: string;
  status?: CurationStatus;
}

function argsOf(raw: unknown): Args {
  return typeof raw === 'object' && raw !== null && !(raw instanceof vscode.Uri) ? (raw as Args) : {};
}

function documentOf(args: Args): vscode.Uri {
  if (args.uri) return vscode.Uri.parse(args.uri);
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) return editor.document.uri;
  throw new Error('open a source document first');
}

/** The unit under the cursor, or one picked from those left to curate. */
async function pickUnit(deps: CurationDeps, uri: vscode.Uri): Promise<ReviewUnit | undefined> {
  const { units } = await unitsFor(deps, uri);
  const editor = vscode.window.activeTextEditor;
  const at = editor?.document.uri.toString() === uri.toString() ? editor.document.offsetAt(editor.selection.active) : -1;
  const under = units.find((u) => u.start <= at && at <= u.end && !u.settled);
  if (under) return under;
  const open = units.filter((u) => !u.settled);
  if (open.length === 0) throw new Error('nothing left to curate in this document');
  const picked = await vscode.window.showQuickPick(
    open.map((u) => ({ label: u.versions[0]!.target.exact.slice(0, 80), description: UNIT_KIND_LABELS[u.kind], detail: u.authors.join(', '), unit: u })),
    { title: 'Curate: which unit?' },
  );
  return picked?.unit;
}

async function pickVersion(unit: ReviewUnit, title: string): Promise<string | undefined> {
  if (unit.versions.length === 1) return unit.versions[0]!.id;
  const picked = await vscode.window.showQuickPick(
    unit.versions.map((v, i) => ({ label: `${i + 1}. ${v.author || '(no name)'}: ${v.tag}`, description: v.target.exact.slice(0, 80), detail: Object.entries(v.attributes).map(([k, x]) => `${k}: ${String(x)}`).join(' · ') || undefined, id: v.id })),
    { title },
  );
  return picked?.id;
}

export function registerCurationCommands(deps: CurationDeps & { index: DocumentIndex }): vscode.Disposable[] {
  const run = (id: string, fn: (args: Args) => Promise<unknown>) => registerReportingCommand(id, (raw: unknown) => fn(argsOf(raw)), deps.log);
  return [
    reviewMode,
    run('seedAnnotator.reviewDocument', async () => {
      reviewMode.set(true);
      await vscode.commands.executeCommand('seedAnnotator.annotations.focus');
      return true;
    }),
    run('seedAnnotator.toggleReviewMode', async () => {
      reviewMode.set(!reviewMode.active);
      if (reviewMode.active) await vscode.commands.executeCommand('seedAnnotator.annotations.focus');
      return reviewMode.active;
    }),
    run('seedAnnotator.acceptVersion', async (args) => {
      const uri = documentOf(args);
      const id = args.id ?? (await pickUnit(deps, uri).then((u) => u && pickVersion(u, 'Accept which version?')));
      return id ? acceptVersion(deps, uri, id) : undefined;
    }),
    run('seedAnnotator.acceptAllAgreed', async (args) => {
      const uri = documentOf(args);
      const n = await acceptAgreed(deps, uri);
      if (!args.uri) void vscode.window.showInformationMessage(`Seed Annotator: accepted ${n} agreed unit${n === 1 ? '' : 's'}.`);
      return n;
    }),
    run('seedAnnotator.editVersion', async (args) => {
      const uri = documentOf(args);
      const id = args.id ?? (await pickUnit(deps, uri).then((u) => u && pickVersion(u, 'Edit which version?')));
      if (!id) return undefined;
      let changes = args.changes;
      if (!changes) {
        // Without changes: the editor's selection, when there is one, becomes the gold span.
        const editor = vscode.window.activeTextEditor;
        const sel = editor?.document.uri.toString() === uri.toString() && !editor.selection.isEmpty ? editor.selection : undefined;
        changes = sel ? { start: editor!.document.offsetAt(sel.start), end: editor!.document.offsetAt(sel.end) } : {};
      }
      return editVersion(deps, uri, id, changes);
    }),
    run('seedAnnotator.rejectUnit', async (args) => {
      const uri = documentOf(args);
      const id = args.id ?? (await pickUnit(deps, uri))?.versions[0]?.id;
      return id ? rejectUnit(deps, uri, id) : undefined;
    }),
    run('seedAnnotator.addGoldAnnotation', async (args) => {
      const uri = documentOf(args);
      let { tag, start, end } = args;
      if (start === undefined || end === undefined) {
        const editor = vscode.window.activeTextEditor;
        if (!editor || editor.document.uri.toString() !== uri.toString() || editor.selection.isEmpty) throw new Error('select the text of the gold annotation first');
        start = editor.document.offsetAt(editor.selection.start);
        end = editor.document.offsetAt(editor.selection.end);
      }
      tag ??= (
        await vscode.window.showQuickPick(deps.tagSets.for(uri).tags.map((t) => ({ label: t.label, description: t.id, id: t.id })), { title: 'Add Gold Annotation: tag' })
      )?.id;
      if (!tag) return undefined;
      return addGold(deps, uri, { tag, start, end, ...(args.attributes ? { attributes: args.attributes } : {}), ...(args.note !== undefined ? { note: args.note } : {}) });
    }),
    run('seedAnnotator.undoCurationDecision', async (args) => {
      if (!args.id) throw new Error('undo needs the id of a gold annotation or relation');
      await undoDecision(deps, documentOf(args), args.id);
      return true;
    }),
    run('seedAnnotator.acceptLink', async (args) => {
      if (!args.id) throw new Error('accept a link: give the id of an annotator\'s relation');
      await acceptLink(deps, documentOf(args), args.id);
      return true;
    }),
    run('seedAnnotator.setCurationStatus', async (args) => {
      const uri = documentOf(args);
      const status =
        args.status ??
        (await vscode.window.showQuickPick(CURATION_STATUSES.map((s) => ({ label: CURATION_STATUS_LABELS[s], status: s })), { title: 'Curation status' }))?.status;
      if (!status) return undefined;
      if (!CURATION_STATUSES.includes(status)) throw new Error(`unknown curation status '${String(status)}' (one of ${CURATION_STATUSES.join(', ')})`);
      await setCurationStatus(deps, uri, status);
      return status;
    }),
    run('seedAnnotator.nextDocumentToCurate', async () => {
      await deps.index.whenIdle();
      const list = deps.index.list().filter((e) => !e.error);
      const current = vscode.window.activeTextEditor?.document.uri.toString();
      const from = list.findIndex((e) => e.uri === current);
      for (let k = 1; k <= list.length; k++) {
        const entry = list[(from + k + list.length) % list.length]!;
        const doc = await deps.store.get(vscode.Uri.parse(entry.uri));
        if (doc.state !== 'ready' || doc.annotations.length === 0) continue;
        const status = curationStatusOf({ annotations: [...doc.annotations], relations: [...doc.relations], ...(doc.curation ? { curation: doc.curation } : {}) });
        if (status === 'curated') continue;
        await vscode.window.showTextDocument(vscode.Uri.parse(entry.uri), { preview: false });
        return entry.uri;
      }
      void vscode.window.showInformationMessage('Seed Annotator: every annotated document is curated.');
      return undefined;
    }),
  ];
}
