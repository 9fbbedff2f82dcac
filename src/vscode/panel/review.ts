/**
 * The host side of the Annotations panel's review mode (adjudication, issue #13): the review state sent with the
 * panel state, and the panel's `review` requests, run through the curation actions (the store's batch).
 */
import * as vscode from 'vscode';
import type { Annotation, Relation, TagSet } from '../../core/annotations/schema';
import { relationTypesOf } from '../../core/annotations/tags';
import { annotatorsOf, curationStatusOf, isGold, isGoldKept } from '../../core/curation/index';
import { shortText } from '../../core/relations/links';
import type { AttributeValue, HostRequest, ReviewView, VersionView } from '../../webview/protocol';
import { acceptAgreed, acceptLink, acceptVersion, addGold, editVersion, rejectUnit, undoDecision, unitsFor, type CurationDeps } from '../curation/actions';
import { reviewMode } from '../curation/reviewMode';
import { editorFor } from './actions';

const MAX_TEXT = 1_000_000;
const clip = (s: string, max = MAX_TEXT) => (s.length > max ? s.slice(0, max) : s);

function attributeValue(value: unknown): AttributeValue {
  if (typeof value === 'string') return clip(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v: string) => clip(v));
  return { json: clip(JSON.stringify(value) ?? String(value)) };
}

function linksOf(a: Annotation, annotations: readonly Annotation[], relations: readonly Relation[], tagSet: TagSet): string[] {
  const labels = new Map(relationTypesOf(tagSet).map((t) => [t.id, t.label.toLowerCase()]));
  const text = (id: string) => shortText(annotations.find((x) => x.id === id)?.target.exact ?? '(missing)', 60);
  return relations.flatMap((r) => {
    const label = labels.get(r.type) ?? r.type;
    if (r.from === a.id) return [clip(`${label}: ${text(r.to)}`, 4096)];
    if (r.to === a.id) return [clip(`← ${label}: ${text(r.from)}`, 4096)];
    return [];
  });
}

function versionView(a: Annotation, annotations: readonly Annotation[], relations: readonly Relation[], tagSet: TagSet): VersionView {
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(a.attributes)) if (key.length <= 128) attributes[key] = attributeValue(value);
  return {
    id: a.id,
    author: clip(a.author, 4096),
    tag: a.tag,
    start: a.target.start,
    end: a.target.end,
    exact: clip(a.target.exact),
    attributes,
    note: clip(a.note),
    links: linksOf(a, annotations, relations, tagSet),
  };
}

/** The review of a document, as the panel shows it. */
export async function reviewState(deps: CurationDeps, uri: vscode.Uri): Promise<ReviewView> {
  const { doc, units } = await unitsFor(deps, uri);
  const tagSet = deps.tagSets.for(uri);
  const annotatorRelations = doc.relations.filter((r) => !isGold(r));
  return {
    status: curationStatusOf({ annotations: [...doc.annotations], relations: [...doc.relations], ...(doc.curation ? { curation: doc.curation } : {}) }),
    annotators: annotatorsOf(doc.annotations).map((a) => clip(a, 4096)),
    units: units.map((u) => {
      const gold = u.gold[0];
      return {
        id: clip(u.id, 4096),
        kind: u.kind,
        start: u.start,
        end: u.end,
        versions: u.versions.map((v) => versionView(v, doc.annotations, annotatorRelations, tagSet)),
        ...(gold ? { gold: { id: gold.id, decision: gold.curation!.decision, tag: gold.tag, exact: clip(gold.target.exact) } } : {}),
      };
    }),
    added: doc.annotations.filter((a) => a.curation?.decision === 'added').map((a) => ({ id: a.id, tag: a.tag, exact: clip(a.target.exact) })),
    links: linkViews(doc.annotations, doc.relations, tagSet),
  };
}

/** The annotators' links, each with whether both ends have gold annotations and the gold link that settles it. */
function linkViews(annotations: readonly Annotation[], relations: readonly Relation[], tagSet: TagSet): ReviewView['links'] {
  const labels = new Map(relationTypesOf(tagSet).map((t) => [t.id, t.label]));
  const goldOf = (id: string) => annotations.find((a) => isGoldKept(a) && a.curation!.from.includes(id))?.id;
  const text = (id: string) => clip(shortText(annotations.find((x) => x.id === id)?.target.exact ?? '(missing)', 80), 4096);
  const goldLinks = relations.filter(isGold);
  return relations
    .filter((r) => !isGold(r))
    .map((r) => {
      const [from, to] = [goldOf(r.from), goldOf(r.to)];
      const gold = goldLinks.find((g) => g.curation!.from.includes(r.id) || (g.type === r.type && g.from === from && g.to === to));
      return { id: r.id, author: clip(r.author, 4096), label: clip(labels.get(r.type) ?? r.type, 4096), from: text(r.from), to: text(r.to), ready: from !== undefined && to !== undefined, ...(gold ? { gold: gold.id } : {}) };
    });
}

type ReviewRequest = Extract<HostRequest, { type: 'review' }>;

/** The editor's selection in the document, when there is one. */
async function selectionIn(uri: vscode.Uri): Promise<{ start: number; end: number } | undefined> {
  const editor = await editorFor(uri);
  if (editor.selection.isEmpty) return undefined;
  return { start: editor.document.offsetAt(editor.selection.start), end: editor.document.offsetAt(editor.selection.end) };
}

/** Runs a review request; returns the id of a gold annotation it made (edit: to be changed in the list). */
export async function runReviewRequest(deps: CurationDeps, uri: vscode.Uri, request: ReviewRequest): Promise<string | undefined> {
  const need = () => {
    if (!request.id) throw new Error(`${request.action} needs an annotation id`);
    return request.id;
  };
  switch (request.action) {
    case 'show': {
      // The editor shows every version of the unit at once: one selection per version.
      const { units } = await unitsFor(deps, uri);
      const unit = units.find((u) => u.versions.some((v) => v.id === need()));
      if (!unit) throw new Error('this unit no longer exists (the sidecar changed)');
      const editor = await editorFor(uri);
      const spans = [...new Map(unit.versions.map((v) => [`${v.target.start}-${v.target.end}`, v.target])).values()];
      editor.selections = spans.map((t) => new vscode.Selection(editor.document.positionAt(t.start), editor.document.positionAt(t.end)));
      editor.revealRange(new vscode.Range(editor.document.positionAt(unit.start), editor.document.positionAt(unit.end)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return undefined;
    }
    case 'accept':
      return acceptVersion(deps, uri, need());
    case 'acceptAllAgreed':
      await acceptAgreed(deps, uri);
      return undefined;
    case 'edit': {
      // Take the version (the editor's single selection, when it is not one of the versions' spans, is the new span)
      // and leave review mode with the gold annotation selected in the list, to change its tag, attributes, note.
      const { units } = await unitsFor(deps, uri);
      const unit = units.find((u) => u.versions.some((v) => v.id === need()));
      const editor = await editorFor(uri);
      const span = editor.selections.length === 1 ? await selectionIn(uri) : undefined;
      const isVersionSpan = span && unit?.versions.some((v) => v.target.start === span.start && v.target.end === span.end);
      const id = await editVersion(deps, uri, need(), span && !isVersionSpan ? span : {});
      reviewMode.set(false);
      return id;
    }
    case 'reject':
      return rejectUnit(deps, uri, need());
    case 'undo':
      await undoDecision(deps, uri, need());
      return undefined;
    case 'add': {
      if (!request.tag) throw new Error('add needs a tag');
      const span = await selectionIn(uri);
      if (!span) throw new Error('select the text of the gold annotation in the editor first');
      return addGold(deps, uri, { tag: request.tag, ...span });
    }
    case 'acceptLink':
      await acceptLink(deps, uri, need());
      return undefined;
    case 'exit':
      reviewMode.set(false);
      return undefined;
  }
}
