/** The links part of the Annotations panel, on the host: the relation types and links it shows, its link requests. */
import type * as vscode from 'vscode';
import type { Relation, TagSet } from '../../core/annotations/schema';
import { relationTypesOf } from '../../core/annotations/tags';
import type { HostRequest, RelationTypeView, RelationView } from '../../webview/protocol';
import type { AnnotationStore } from '../annotations/store';
import type { TagSets } from '../annotations/tagSets';
import { addLink } from './links';

const MAX_LABEL = 4096;
const clip = (s: string) => (s.length > MAX_LABEL ? s.slice(0, MAX_LABEL) : s);

export function relationTypeViews(tagSet: TagSet | undefined): RelationTypeView[] {
  if (!tagSet) return [];
  return relationTypesOf(tagSet).map((t) => ({ id: t.id, label: clip(t.label), description: clip(t.description), from: [...t.from], to: [...t.to], symmetric: t.symmetric === true }));
}

export function relationViews(relations: readonly Relation[]): RelationView[] {
  return relations.map(({ id, type, from, to }) => ({ id, type, from, to }));
}

export type LinkPanelRequest = Extract<HostRequest, { type: 'link' | 'unlink' }>;

/** Runs a `link` or `unlink` request of the panel through the store. */
export async function runLinkRequest(deps: { store: AnnotationStore; tagSets: TagSets }, uri: vscode.Uri, request: LinkPanelRequest): Promise<void> {
  if (request.type === 'unlink') {
    await deps.store.removeRelation(uri, request.id);
    return;
  }
  const made = await addLink(deps.store, deps.tagSets.for(uri), uri, { type: request.relationType, from: request.from, to: request.to });
  if (!made) throw new Error('these annotations are linked that way already');
}
