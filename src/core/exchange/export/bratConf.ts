/**
 * brat's `annotation.conf` for an export (https://brat.nlplab.org/configuration.html): the entity types (the
 * tags of the tag set and every tag written), the relation types (those of the tag set and every type written,
 * `Arg1`/`Arg2` listing the tags each end may have; a symmetric type gets `<REL-TYPE>:symmetric` and the same
 * tags on both ends) and the attributes (the tag set's enums and every attribute written as an A line, with the
 * types they apply to and their values; none: a binary attribute).
 */
import type { TagSet } from '../../annotations/schema';
import { relationTypesOf } from '../../annotations/tags';

export class BratConf {
  private readonly entities = new Set<string>();
  /** relation type → the tags of its ends (one set for both ends of a symmetric type) */
  private readonly relations = new Map<string, { arg1: Set<string>; arg2: Set<string> }>();
  /** attribute id → { the types it applies to, its values (none: a binary attribute) } */
  private readonly attributes = new Map<string, { args: Set<string>; values: Set<string> }>();

  constructor(tagSet: TagSet) {
    for (const tag of tagSet.tags) {
      this.entities.add(tag.id);
      for (const def of tag.attributes) if (def.kind === 'enum') for (const v of def.values ?? []) this.attribute(def.id, tag.id, v);
    }
    for (const type of relationTypesOf(tagSet)) {
      const arg1 = new Set(type.from);
      this.relations.set(type.id, { arg1, arg2: type.symmetric ? arg1 : new Set(type.to) });
      if (type.symmetric) for (const tag of type.to) arg1.add(tag);
      for (const def of type.attributes) if (def.kind === 'enum') for (const v of def.values ?? []) this.attribute(def.id, type.id, v);
    }
  }

  entity(tag: string): void {
    this.entities.add(tag);
  }

  /** A relation written: its type lists the tags of its ends. */
  relation(type: string, fromTag: string, toTag: string): void {
    let entry = this.relations.get(type);
    if (!entry) this.relations.set(type, (entry = { arg1: new Set(), arg2: new Set() }));
    entry.arg1.add(fromTag);
    entry.arg2.add(toTag);
  }

  attribute(id: string, type: string, value: string | true): void {
    let entry = this.attributes.get(id);
    if (!entry) this.attributes.set(id, (entry = { args: new Set(), values: new Set() }));
    entry.args.add(type);
    if (value !== true) entry.values.add(value);
  }

  render(): string {
    const lines = ['# Written by Seed Annotator: the tags, relation types and attributes of the exported annotations.', '[entities]', ...this.entities, '', '[relations]'];
    for (const [type, { arg1, arg2 }] of this.relations) {
      if (arg1.size === 0 || arg2.size === 0) continue;
      lines.push(`${type}\tArg1:${[...arg1].join('|')}, Arg2:${[...arg2].join('|')}${arg1 === arg2 ? ', <REL-TYPE>:symmetric' : ''}`);
    }
    lines.push('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>', '', '[events]', '', '[attributes]');
    for (const [id, { args, values }] of this.attributes) lines.push(`${id}\tArg:${[...args].join('|')}${values.size > 0 ? `, Value:${[...values].join('|')}` : ''}`);
    return `${lines.join('\n')}\n`;
  }
}
