/**
 * Linking annotations through the store, shared by the commands and the Annotations panel: a link is checked
 * against the tag set first (a known type, end tags it allows, not a link already there), then written by the
 * store's validated, atomic write.
 */
import * as vscode from 'vscode';
import type { Annotation, Relation, TagSet } from '../../core/annotations/schema';
import { findRelationType, findTag, relationTypesFor, relationTypesOf } from '../../core/annotations/tags';
import { describeLink, findLink, indexLinks, shortText } from '../../core/relations/links';
import type { AnnotationStore, DocumentAnnotations } from '../annotations/store';

export interface LinkRequest {
  type: string;
  from: string;
  to: string;
}

function annotationIn(doc: DocumentAnnotations, id: string): Annotation {
  const found = doc.annotations.find((a) => a.id === id);
  if (!found) throw new Error(`no annotation '${id}' in ${vscode.workspace.asRelativePath(doc.docUri, false)} (it was removed or the sidecar changed)`);
  return found;
}

/** Why this link may not be made, or null when it may. */
export function linkProblem(tagSet: TagSet, link: LinkRequest, from: Annotation, to: Annotation): string | null {
  const type = findRelationType(tagSet, link.type);
  if (!type) return `unknown relation type '${link.type}' (the tag set defines: ${relationTypesOf(tagSet).map((t) => t.id).join(', ') || 'none'})`;
  if (from.id === to.id) return 'an annotation cannot be linked to itself';
  if (!relationTypesFor(tagSet, from.tag, to.tag).some((t) => t.id === type.id)) {
    const tagLabel = (id: string) => findTag(tagSet, id)?.label ?? id;
    return `'${type.label}' links ${type.from.map(tagLabel).join(' or ')} → ${type.to.map(tagLabel).join(' or ')}${type.symmetric ? ' (either way)' : ''}, not ${tagLabel(from.tag)} → ${tagLabel(to.tag)}`;
  }
  return null;
}

/** Links two annotations of the document; null (nothing written) when they are linked that way already. */
export async function addLink(store: AnnotationStore, tagSet: TagSet, uri: vscode.Uri, link: LinkRequest): Promise<Relation | null> {
  const doc = await store.get(uri);
  const problem = linkProblem(tagSet, link, annotationIn(doc, link.from), annotationIn(doc, link.to));
  if (problem) throw new Error(problem);
  if (findLink(doc.relations, findRelationType(tagSet, link.type)!, link.from, link.to)) return null;
  return store.addRelation(uri, link);
}

/** The links of an annotation, outgoing first. */
export function linksOfAnnotation(doc: Pick<DocumentAnnotations, 'annotations' | 'relations'>, tagSet: TagSet, id: string) {
  return indexLinks(doc.annotations, doc.relations, relationTypesOf(tagSet))(id);
}

/** A link in one line: `attributed to: Aldous Perrin`. */
export function linkLine(link: ReturnType<typeof linksOfAnnotation>[number]): string {
  return describeLink(link, (a) => a.target.exact, (a) => a.status === 'orphaned');
}

/**
 * Asks before an annotation with links is removed (they go with it); true when it has none or the answer is Remove.
 * A modal question: the removal is one write, and cannot be undone from here.
 */
export async function confirmRemoval(doc: DocumentAnnotations, tagSet: TagSet, annotation: Annotation): Promise<boolean> {
  const lines = linksOfAnnotation(doc, tagSet, annotation.id).map(linkLine);
  if (lines.length === 0) return true;
  const tag = findTag(tagSet, annotation.tag)?.label ?? annotation.tag;
  const count = lines.length === 1 ? 'its link' : `its ${lines.length} links`;
  const answer = await vscode.window.showWarningMessage(
    `Remove this ${tag} and ${count}?`,
    { modal: true, detail: `${shortText(annotation.target.exact, 120)}\n\n${lines.join('\n')}` },
    'Remove',
  );
  return answer === 'Remove';
}
