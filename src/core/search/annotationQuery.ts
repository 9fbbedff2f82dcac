/**
 * The query of "Go to Annotation…": words are looked for in an annotation's text, note, tag and every attribute
 * value; `key:value` narrows it: `tag:quote`, `note:…`, `text:…`, or any attribute id (`speaker:Perrin`,
 * `verdict:false`). Every part must match (case-insensitive, substring; quoted values may hold spaces).
 */
export interface QueryTerm {
  /** null: anywhere. */
  field: string | null;
  value: string;
}

export interface Searchable {
  tag: string;
  /** The tag's label (`Claim`), matched by free words too. */
  tagLabel?: string;
  text: string;
  note: string;
  attributes: Record<string, unknown>;
}

export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const re = /(?:([A-Za-z][\w-]*):)?(?:"([^"]*)"|(\S+))/g;
  for (const m of query.matchAll(re)) {
    const value = (m[2] ?? m[3] ?? '').trim().toLocaleLowerCase();
    if (!value && !m[1]) continue;
    terms.push({ field: m[1] ? m[1].toLowerCase() : null, value });
  }
  return terms;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueText).join(' ');
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function attributeValue(item: Searchable, key: string): string | undefined {
  const found = Object.keys(item.attributes).find((k) => k.toLowerCase() === key);
  return found === undefined ? undefined : valueText(item.attributes[found]);
}

function termMatches(item: Searchable, term: QueryTerm): boolean {
  const has = (s: string | undefined) => s !== undefined && s.toLocaleLowerCase().includes(term.value);
  switch (term.field) {
    case null:
      return has(item.text) || has(item.note) || has(item.tag) || has(item.tagLabel) || Object.values(item.attributes).some((v) => has(valueText(v)));
    case 'tag':
      return item.tag.toLocaleLowerCase() === term.value || (item.tagLabel ?? '').toLocaleLowerCase() === term.value;
    case 'note':
      return has(item.note);
    case 'text':
      return has(item.text);
    default: {
      const value = attributeValue(item, term.field);
      return value !== undefined && (term.value === '' ? value !== '' : has(value));
    }
  }
}

/** Whether an annotation matches every term of the query (an empty query matches everything). */
export function matchesQuery(item: Searchable, terms: readonly QueryTerm[]): boolean {
  return terms.every((t) => termMatches(item, t));
}

/** The 1-based line of a UTF-16 offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
