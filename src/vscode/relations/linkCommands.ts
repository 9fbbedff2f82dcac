/**
 * *Link Annotation…* and *Remove Link*: from the annotation at the cursor (or one the panel names), pick a relation
 * type its tag allows, then the other end — a quick pick of the annotations that type allows, with tag, text and
 * line, or the annotation under a second cursor. Every link is checked and written by ./links.
 */
import * as vscode from 'vscode';
import type { Annotation, RelationTypeDef, TagSet } from '../../core/annotations/schema';
import { findRelationType, findTag, relationTypesOf } from '../../core/annotations/tags';
import { linkChoices, linkEnds, linkTargets, otherEndTags, shortText, type LinkChoice } from '../../core/relations/links';
import type { AnnotationStore, DocumentAnnotations } from '../annotations/store';
import type { TagSets } from '../annotations/tagSets';
import { registerReportingCommand } from '../reportingCommand';
import { addLink, linkLine, linkProblem, linksOfAnnotation } from './links';

interface Deps {
  store: AnnotationStore;
  tagSets: TagSets;
  log: vscode.LogOutputChannel;
}

/** Arguments of `seedAnnotator.linkAnnotation`; without them, everything is asked. */
export interface LinkArgs {
  uri?: string;
  /** The annotation to link from (default: the one at the cursor). */
  id?: string;
  /** The relation type (default: asked). */
  type?: string;
  /** The other end (default: the annotation at a second cursor, else asked). */
  to?: string;
}

/** Arguments of `seedAnnotator.removeLink`: the relation, or the annotation whose links to choose from. */
export interface RemoveLinkArgs {
  uri?: string;
  id?: string;
  annotationId?: string;
}

export function registerLinkCommands(deps: Deps): vscode.Disposable[] {
  return [
    registerReportingCommand('seedAnnotator.linkAnnotation', (args?: LinkArgs) => linkAnnotation(deps, args ?? {}), deps.log),
    registerReportingCommand('seedAnnotator.removeLink', (args?: RemoveLinkArgs) => removeLink(deps, args ?? {}), deps.log),
  ];
}

function documentUri(args: { uri?: string }): vscode.Uri {
  if (args.uri) return vscode.Uri.parse(args.uri);
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open a source document first');
  return editor.document.uri;
}

async function textDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? vscode.workspace.openTextDocument(uri);
}

function tagLabel(tagSet: TagSet, id: string): string {
  return findTag(tagSet, id)?.label ?? id;
}

/** A quick pick row for an annotation: tag and text, line (and orphaned) beside. */
function annotationItem(tagSet: TagSet, text: vscode.TextDocument, a: Annotation): vscode.QuickPickItem & { annotation: Annotation } {
  const where = a.status === 'orphaned' ? 'orphaned' : `line ${text.positionAt(a.target.start).line + 1}`;
  return { label: `${tagLabel(tagSet, a.tag)}: ${shortText(a.target.exact)}`, description: where, detail: a.note ? shortText(a.note) : undefined, annotation: a };
}

/** The annotation with `id`, or the one at `position` of the active editor (asked when several overlap there). */
async function annotationAt(doc: DocumentAnnotations, tagSet: TagSet, args: { id?: string; position?: vscode.Position; title: string }): Promise<Annotation> {
  if (args.id) {
    const found = doc.annotations.find((a) => a.id === args.id);
    if (!found) throw new Error(`no annotation '${args.id}' in ${vscode.workspace.asRelativePath(doc.docUri, false)}`);
    return found;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.toString() !== doc.docUri.toString()) throw new Error('put the cursor in an annotation of the open source document first');
  const offset = editor.document.offsetAt(args.position ?? editor.selection.active);
  const here = doc.annotations.filter((a) => a.status !== 'orphaned' && a.target.start <= offset && offset <= a.target.end);
  if (here.length === 0) throw new Error('there is no annotation at the cursor: put it inside a highlighted span first');
  if (here.length === 1) return here[0]!;
  const picked = await vscode.window.showQuickPick(here.map((a) => annotationItem(tagSet, editor.document, a)), { title: args.title });
  if (!picked) throw new vscode.CancellationError();
  return picked.annotation;
}

function choiceLabel(tagSet: TagSet, choice: LinkChoice<RelationTypeDef>, selfTag: string): vscode.QuickPickItem {
  const others = otherEndTags(choice, selfTag).map((t) => tagLabel(tagSet, t)).join(' or ');
  const arrow = choice.type.symmetric ? '↔' : choice.direction === 'out' ? '→' : '←';
  return { label: `${arrow} ${choice.type.label}`, description: choice.direction === 'out' ? `to a ${others}` : `from a ${others}`, detail: choice.type.description || undefined };
}

async function linkAnnotation(deps: Deps, args: LinkArgs) {
  const { store, tagSets } = deps;
  const uri = documentUri(args);
  const tagSet = tagSets.for(uri);
  const doc = await store.get(uri);
  const from = await annotationAt(doc, tagSet, { id: args.id, title: 'Link which annotation?' });
  const editor = vscode.window.activeTextEditor;
  // The other end: given, or under a second cursor (Alt+Click), else picked once the type is known.
  const second = args.to
    ? await annotationAt(doc, tagSet, { id: args.to, title: '' })
    : !args.id && editor && editor.selections.length > 1
      ? await annotationAt(doc, tagSet, { position: editor.selections[1]!.active, title: 'Link to which annotation?' })
      : undefined;
  // With the other end known, every type its tag allows (one already there is said so); else those with a target left.
  const possible = (c: LinkChoice) =>
    second ? second.id !== from.id && otherEndTags(c, from.tag).includes(second.tag) : linkTargets(c, from, doc.annotations, doc.relations).length > 0;
  const choices = linkChoices(relationTypesOf(tagSet), from.tag).filter((c) => (!args.type || c.type.id === args.type) && possible(c));
  if (choices.length === 0) throw new Error(noChoiceMessage(tagSet, doc, from, second, args.type));
  const choice = choices.length === 1 ? choices[0]! : await pickChoice(tagSet, choices, from);
  const to = second ?? (await pickTarget(tagSet, choice, from, doc));
  const made = await addLink(store, tagSet, uri, { type: choice.type.id, ...linkEnds(choice, from.id, to.id) });
  if (!made) void vscode.window.showInformationMessage('Seed Annotator: these annotations are linked that way already.');
  return made ?? undefined;
}

/** Why there is nothing to pick: the type's rule, a link already there, or no annotation to link to. */
function noChoiceMessage(tagSet: TagSet, doc: DocumentAnnotations, from: Annotation, second: Annotation | undefined, type: string | undefined): string {
  const what = tagLabel(tagSet, from.tag);
  if (type && second) return linkProblem(tagSet, { type, from: from.id, to: second.id }, from, second) ?? `'${type}' cannot link them`;
  if (type && !findRelationType(tagSet, type)) return `unknown relation type '${type}' (the tag set defines: ${relationTypesOf(tagSet).map((t) => t.id).join(', ') || 'none'})`;
  if (second) return `no relation type of the tag set links a ${what} and a ${tagLabel(tagSet, second.tag)}`;
  if (linkChoices(relationTypesOf(tagSet), from.tag).length === 0) return `no relation type of the tag set starts or ends at a ${what}`;
  return `no annotation of ${vscode.workspace.asRelativePath(doc.docUri, false)} can be linked to this ${what}${type ? ` with '${type}'` : ''}: tag the other end first`;
}

async function pickChoice(tagSet: TagSet, choices: LinkChoice<RelationTypeDef>[], from: Annotation): Promise<LinkChoice<RelationTypeDef>> {
  const items = choices.map((choice) => ({ ...choiceLabel(tagSet, choice, from.tag), choice }));
  const picked = await vscode.window.showQuickPick(items, { title: `Link ${tagLabel(tagSet, from.tag)}: ${shortText(from.target.exact, 60)}`, placeHolder: 'Which kind of link?', matchOnDescription: true });
  if (!picked) throw new vscode.CancellationError();
  return picked.choice;
}

async function pickTarget(tagSet: TagSet, choice: LinkChoice<RelationTypeDef>, from: Annotation, doc: DocumentAnnotations): Promise<Annotation> {
  const text = await textDocument(doc.docUri);
  const targets = linkTargets(choice, from, doc.annotations, doc.relations);
  const items = targets.map((a) => annotationItem(tagSet, text, a));
  const phrase = choice.direction === 'out' ? `${choice.type.label} which annotation?` : `Which annotation is ${choice.type.label.toLocaleLowerCase()} this one?`;
  const picked = await vscode.window.showQuickPick(items, { title: phrase, placeHolder: 'Type to filter by tag or text', matchOnDescription: true, matchOnDetail: true });
  if (!picked) throw new vscode.CancellationError();
  return picked.annotation;
}

async function removeLink(deps: Deps, args: RemoveLinkArgs) {
  const { store, tagSets } = deps;
  const uri = documentUri(args);
  if (args.id) return store.removeRelation(uri, args.id);
  const doc = await store.get(uri);
  const tagSet = tagSets.for(uri);
  const annotation = await annotationAt(doc, tagSet, { id: args.annotationId, title: 'Remove a link of which annotation?' });
  const links = linksOfAnnotation(doc, tagSet, annotation.id);
  if (links.length === 0) throw new Error(`this ${tagLabel(tagSet, annotation.tag)} has no links`);
  const items = links.map((link) => ({ label: linkLine(link), link }));
  const picked = await vscode.window.showQuickPick(items, { title: `Remove a link of ${tagLabel(tagSet, annotation.tag)}: ${shortText(annotation.target.exact, 60)}` });
  if (!picked) return undefined;
  return store.removeRelation(uri, picked.link.relation.id);
}
