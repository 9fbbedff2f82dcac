/**
 * Tagging a quotation whose speaker is named in the text: the quote, the name as a source (or the source annotation
 * already there) and the `attributed-to` link between them, in one store write.
 */
import type * as vscode from 'vscode';
import { newId } from '../../core/annotations/hash';
import type { Annotation, TagSet } from '../../core/annotations/schema';
import { defaultAttributes, findTag, relationTypesOf } from '../../core/annotations/tags';
import type { Span } from '../../core/document';
import { planSpeakerSource } from '../../core/relations/speakerSource';
import type { AnnotationStore, BatchOp, NewSpan } from '../annotations/store';

/**
 * Tags `quote` and, when `speaker` is given (a name, and where the text names it) and the tag set links quotes to
 * sources, links it to the source there. Returns the quote's annotation (an existing one when the span was tagged already and
 * only the link is new); null when nothing was new.
 */
export async function tagQuoteWithSpeaker(store: AnnotationStore, tagSet: TagSet, uri: vscode.Uri, quote: NewSpan, speaker: { speaker: string; mention: Span } | null): Promise<Annotation | null> {
  const plan = speaker ? planSpeakerSource(relationTypesOf(tagSet), quote.tag, speaker, (await store.get(uri)).annotations) : null;
  if (!plan) return store.add(uri, quote);
  const quoteId = newId();
  const ops: BatchOp[] = [{ kind: 'add', span: { ...quote, id: quoteId } }];
  let sourceId: string;
  if ('reuse' in plan.source) {
    sourceId = plan.source.reuse;
  } else {
    const { tag, start, end } = plan.source;
    const def = findTag(tagSet, tag);
    sourceId = newId();
    ops.push({ kind: 'add', span: { id: sourceId, tag, start, end, attributes: def ? defaultAttributes(def) : {} } });
  }
  ops.push({ kind: 'link', link: { type: plan.type, from: quoteId, to: sourceId } });
  const result = await store.batch(uri, ops);
  if (result.added + result.linked === 0) return null;
  const id = result.ids.get(quoteId) ?? quoteId;
  return (await store.get(uri)).annotations.find((a) => a.id === id) ?? null;
}
