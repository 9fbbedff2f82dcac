import * as vscode from 'vscode';
import type { Annotation, TagDef } from '../../core/annotations/schema';
import { findTag } from '../../core/annotations/tags';
import { linkLine, linksOfAnnotation } from '../relations/links';
import type { AnnotationStore } from './store';
import type { TagSets } from './tagSets';

/** Tag, attributes, links and note of the annotations under the pointer. Document and note text are shown as text. */
export class AnnotationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: AnnotationStore, private readonly tagSets: TagSets) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const offset = document.offsetAt(position);
    const doc = await this.store.get(document.uri);
    const { annotations } = doc;
    const here = annotations.filter((a) => !a.status && a.target.start <= offset && offset < a.target.end);
    if (here.length === 0) return undefined;
    const tagSet = this.tagSets.for(document.uri);
    const md = new vscode.MarkdownString(undefined, true);
    here.forEach((a, i) => {
      if (i > 0) md.appendMarkdown('\n\n---\n\n');
      md.appendMarkdown('**').appendText(findTag(tagSet, a.tag)?.label ?? a.tag).appendMarkdown('**');
      for (const line of attributeLines(a, findTag(tagSet, a.tag))) md.appendMarkdown('\n\n').appendText(line);
      for (const link of linksOfAnnotation(doc, tagSet, a.id)) md.appendMarkdown('\n\n').appendText(linkLine(link));
      if (a.note) md.appendMarkdown('\n\n*Note:* ').appendText(a.note);
      if (a.conflict) md.appendMarkdown('\n\n$(git-merge) *Merge conflict:* ').appendText('changed differently on two branches; both versions are kept. Keep one with the CodeLens above it.');
    });
    const first = here[0]!;
    return new vscode.Hover(md, new vscode.Range(document.positionAt(first.target.start), document.positionAt(first.target.end)));
  }
}

/** `Check-worthy: yes` — the tag set's labels, as the panel shows them (an attribute it does not define by its key). */
function attributeLines(a: Annotation, tag: TagDef | undefined): string[] {
  return Object.entries(a.attributes)
    .filter(([, v]) => v !== '' && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${tag?.attributes.find((d) => d.id === k)?.label ?? k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
}
