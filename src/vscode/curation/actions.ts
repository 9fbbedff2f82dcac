/**
 * The curator's decisions on one document, through the AnnotationStore's batch (one validated, atomic write
 * each, announced like any other edit). Shared by the palette commands and the Annotations panel's review mode.
 * Only gold items are ever added or removed here; the annotators' own items are never touched.
 */
import * as vscode from 'vscode';
import type { CurationStatus, DocumentCuration } from '../../core/annotations/schema';
import { defaultAttributes, findTag } from '../../core/annotations/tags';
import {
  accept, acceptAllAgreed, acceptRelation, add, curationAfter, edit, isGold, rejectAll, reviewUnits, unsettled, CurationError,
  type GoldEdit, type GoldOp, type ReviewUnit,
} from '../../core/curation/index';
import type { AnnotationStore, BatchOp, DocumentAnnotations } from '../annotations/store';
import type { TagSets } from '../annotations/tagSets';

export interface CurationDeps {
  store: AnnotationStore;
  tagSets: TagSets;
  log: vscode.LogOutputChannel;
}

/** Who curates: the `seedAnnotator.author` setting (the store records the same name on the gold items). */
export function curatorName(): string {
  return vscode.workspace.getConfiguration('seedAnnotator').get<string>('author', '');
}

export async function unitsFor(deps: CurationDeps, uri: vscode.Uri): Promise<{ doc: DocumentAnnotations; units: ReviewUnit[] }> {
  const doc = await deps.store.get(uri);
  return { doc, units: reviewUnits(doc.annotations, { tagSet: deps.tagSets.for(uri) }) };
}

/** The unit one of whose versions has this id (or whose gold item has it). */
export function unitWith(units: readonly ReviewUnit[], id: string): ReviewUnit {
  const unit = units.find((u) => u.versions.some((v) => v.id === id) || u.gold.some((g) => g.id === id));
  if (!unit) throw new CurationError(`'${id}' is not an annotator's annotation of this document (gold items and orphans are not versions)`);
  return unit;
}

/** Applies gold ops and the curation status that follows from them, in one write. Returns the new gold ids. */
async function decide(deps: CurationDeps, uri: vscode.Uri, ops: readonly GoldOp[]): Promise<string[]> {
  const tagSet = deps.tagSets.for(uri);
  const status: BatchOp = { kind: 'curation', curation: (list) => curationAfter(unsettled(reviewUnits(list, { tagSet })).length, curatorName()) };
  const result = await deps.store.batch(uri, [...ops, status]);
  return ops.flatMap((op) => (op.kind === 'add' ? [result.ids.get(op.span.id) ?? op.span.id] : []));
}

export async function acceptVersion(deps: CurationDeps, uri: vscode.Uri, versionId: string): Promise<string> {
  const { units } = await unitsFor(deps, uri);
  const unit = unitWith(units, versionId);
  if (unit.settled) throw new CurationError('this unit is already settled: undo its decision first');
  return (await decide(deps, uri, [accept(unit, versionId)]))[0]!;
}

export async function acceptAgreed(deps: CurationDeps, uri: vscode.Uri): Promise<number> {
  const { units } = await unitsFor(deps, uri);
  const ops = acceptAllAgreed(units);
  if (ops.length > 0) await decide(deps, uri, ops);
  return ops.length;
}

/** Takes a version and changes it; a new tag gets its attributes' defaults where the version has no value. */
export async function editVersion(deps: CurationDeps, uri: vscode.Uri, versionId: string, changes: GoldEdit): Promise<string> {
  const { units } = await unitsFor(deps, uri);
  const unit = unitWith(units, versionId);
  if (unit.settled) throw new CurationError('this unit is already settled: undo its decision first');
  const version = unit.versions.find((v) => v.id === versionId)!;
  let attributes = changes.attributes;
  if (changes.tag && changes.tag !== version.tag) {
    const def = findTag(deps.tagSets.for(uri), changes.tag);
    if (!def) throw new CurationError(`'${changes.tag}' is not a tag of the tag set`);
    attributes ??= { ...defaultAttributes(def), ...Object.fromEntries(Object.entries(version.attributes).filter(([k]) => def.attributes.some((d) => d.id === k))) };
  }
  return (await decide(deps, uri, [edit(unit, versionId, { ...changes, ...(attributes ? { attributes } : {}) })]))[0]!;
}

export async function rejectUnit(deps: CurationDeps, uri: vscode.Uri, versionId: string): Promise<string> {
  const { units } = await unitsFor(deps, uri);
  const unit = unitWith(units, versionId);
  if (unit.settled) throw new CurationError('this unit is already settled: undo its decision first');
  return (await decide(deps, uri, [rejectAll(unit)]))[0]!;
}

export async function addGold(deps: CurationDeps, uri: vscode.Uri, span: { tag: string; start: number; end: number; attributes?: Record<string, unknown>; note?: string }): Promise<string> {
  const def = findTag(deps.tagSets.for(uri), span.tag);
  if (!def) throw new CurationError(`'${span.tag}' is not a tag of the tag set`);
  return (await decide(deps, uri, [add({ ...span, attributes: span.attributes ?? defaultAttributes(def) })]))[0]!;
}

export async function acceptLink(deps: CurationDeps, uri: vscode.Uri, relationId: string): Promise<void> {
  const doc = await deps.store.get(uri);
  const relation = doc.relations.find((r) => r.id === relationId);
  if (!relation) throw new CurationError(`no relation '${relationId}' in this document`);
  await decide(deps, uri, [acceptRelation(relation, doc.annotations)]);
}

/** Undoes a decision: removes the gold item (and the gold links on it); the unit is open again. */
export async function undoDecision(deps: CurationDeps, uri: vscode.Uri, goldId: string): Promise<void> {
  const doc = await deps.store.get(uri);
  const gold = doc.annotations.find((a) => a.id === goldId) ?? doc.relations.find((r) => r.id === goldId);
  if (!gold || !isGold(gold)) throw new CurationError(`'${goldId}' is not a gold item of this document: curation never removes an annotator's work`);
  if ('target' in gold) await deps.store.remove(uri, goldId);
  else await deps.store.removeRelation(uri, goldId);
  await decide(deps, uri, []);
}

/** Records the curation status by hand (e.g. curated with single-annotator units deliberately left out). */
export async function setCurationStatus(deps: CurationDeps, uri: vscode.Uri, status: CurationStatus): Promise<void> {
  const curation: DocumentCuration = { status, ...(curatorName() ? { curator: curatorName() } : {}), modified: new Date().toISOString() };
  await deps.store.batch(uri, [{ kind: 'curation', curation: () => curation }]);
}
