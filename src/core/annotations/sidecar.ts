/**
 * Reading and writing sidecars (`X.txt.annotations.json`): validation with field paths,
 * the read-only rule for newer versions, and a stable serialisation for clean git diffs.
 */
import { sha256Hex, newId } from './hash';
import { parseJson } from './json';
import { jsonLimitProblems, restoreProtoKeys } from './jsonLimits';
import { issuesToProblems, syntaxProblem, type Problem } from './problems';
import {
  SIDECAR_VERSION,
  SidecarSchema,
  type Annotation,
  type DocumentInfo,
  type Relation,
  type Sidecar,
} from './schema';
import { statusesOf } from './status';
import { firstConflictLine, hasConflictMarkers } from '../team/conflictMarkers';
import type { AnchorTarget } from './anchor';

export type SidecarReadResult =
  | {
      ok: true;
      sidecar: Sidecar;
      /** Always false here; see the failure case. */
      readOnly: false;
    }
  | {
      ok: false;
      /** Errors, each with the sidecar file name and a field path (or line:column for bad JSON). */
      problems: Problem[];
      /**
       * True when the file was written by a newer Seed Annotator (`version` > SIDECAR_VERSION). Such a
       * file must never be rewritten; `sidecar` then holds its content when it also fits this version,
       * for read-only display.
       */
      readOnly: boolean;
      /** The `version` of a newer file. */
      version?: number;
      sidecar?: Sidecar;
      /** True when git left `<<<<<<<` conflict markers in the file (merged without the sidecar merge driver). */
      conflicted?: boolean;
    };

/**
 * Parses and validates sidecar JSON (version 1 or 2). `sidecarFileName` only labels the problems
 * (`<file>: <field.path>: <message>`). A version 1 single `status` comes back as the per-annotator map
 * (`{ "": { status } }`) and `relations` as `[]` when absent. Never throws.
 */
export function parseSidecar(jsonText: string, sidecarFileName: string): SidecarReadResult {
  if (hasConflictMarkers(jsonText)) {
    return {
      ok: false,
      readOnly: false,
      conflicted: true,
      problems: [
        {
          file: sidecarFileName,
          path: '',
          line: firstConflictLine(jsonText) ?? 1,
          column: 1,
          severity: 'error',
          message:
            'merge conflict: git left <<<<<<< markers in this file; it is left untouched. Run "Seed Annotator: Resolve Sidecar Merge Conflict" or `seed-annotator resolve <file>` to merge it by id',
        },
      ],
    };
  }
  const json = parseJson(jsonText);
  if (!json.ok) {
    return { ok: false, readOnly: false, problems: [syntaxProblem(sidecarFileName, json.error)] };
  }
  const raw = json.value;
  const limits = jsonLimitProblems(raw, sidecarFileName);
  if (limits.length > 0) return { ok: false, readOnly: false, problems: limits };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      readOnly: false,
      problems: [{ file: sidecarFileName, path: '(root)', severity: 'error', message: 'expected a JSON object with "version", "document" and "annotations"' }],
    };
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isFinite(version) && version > SIDECAR_VERSION) {
    const asCurrent = SidecarSchema.safeParse({ ...raw, version: SIDECAR_VERSION });
    return {
      ok: false,
      readOnly: true,
      version,
      ...(asCurrent.success ? { sidecar: normalized(asCurrent.data) } : {}),
      problems: [
        {
          file: sidecarFileName,
          path: 'version',
          severity: 'error',
          message: `format version ${version} is newer than this Seed Annotator supports (${SIDECAR_VERSION}); the file is read-only here and will not be rewritten: update Seed Annotator to edit it`,
        },
      ],
    };
  }
  const parsed = SidecarSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, readOnly: false, problems: issuesToProblems(sidecarFileName, parsed.error.issues, raw) };
  }
  return { ok: true, readOnly: false, sidecar: normalized(restoreProtoKeys(parsed.data, raw)) };
}

/** The in-memory form: per-annotator statuses as a map (absent when nobody set one). */
function normalized(sidecar: Sidecar): Sidecar {
  if (typeof sidecar.status !== 'string') return sidecar;
  return { ...sidecar, status: statusesOf(sidecar) };
}

// ---------------------------------------------------------------------------------------------
// Stable serialisation

const SIDECAR_KEYS = ['version', 'status', 'curation', 'document', 'annotations', 'relations', 'suggestions'] as const;
const DOCUMENT_KEYS = ['file', 'source', 'sha256', 'length'] as const;
const ANNOTATION_KEYS = [
  'id', 'tag', 'status', 'target', 'attributes', 'note', 'author', 'created', 'modified', 'origin', 'curation', 'conflict',
] as const;
const RELATION_KEYS = ['id', 'type', 'from', 'to', 'attributes', 'note', 'author', 'created', 'modified', 'origin', 'curation', 'conflict'] as const;
const TARGET_KEYS = ['start', 'end', 'exact', 'prefix', 'suffix'] as const;
const ANNOTATOR_STATUS_KEYS = ['status', 'modified'] as const;
const ANNOTATOR_STATUS_KEY_SET = new Set<string>(ANNOTATOR_STATUS_KEYS);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Unknown values: objects get sorted keys (recursively), arrays keep their order. */
function canonical(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(canonical);
  const obj = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] !== undefined) setOwn(out, k, canonical(obj[k]));
  }
  return out;
}

/** Known keys in their documented order, then unknown keys sorted. */
function ordered(
  obj: Record<string, unknown>,
  known: readonly string[],
  knownSet: ReadonlySet<string>,
  special: Record<string, (v: unknown) => unknown> = {},
  /** How to write the values of unknown keys (default: canonical). */
  other: (v: unknown) => unknown = canonical,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of known) {
    const v = obj[k];
    if (v === undefined) continue;
    const convert = special[k];
    setOwn(out, k, convert ? convert(v) : canonical(v));
  }
  let extra: string[] | undefined;
  for (const k in obj) {
    if (!knownSet.has(k) && Object.prototype.hasOwnProperty.call(obj, k) && obj[k] !== undefined) (extra ??= []).push(k);
  }
  if (extra) for (const k of extra.sort()) setOwn(out, k, other(obj[k]));
  return out;
}

/** Defines a key as an own property: `__proto__` in parsed JSON is an ordinary key and must stay one. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const SIDECAR_KEY_SET = new Set<string>(SIDECAR_KEYS);
const DOCUMENT_KEY_SET = new Set<string>(DOCUMENT_KEYS);
const ANNOTATION_KEY_SET = new Set<string>(ANNOTATION_KEYS);
const RELATION_KEY_SET = new Set<string>(RELATION_KEYS);
const TARGET_KEY_SET = new Set<string>(TARGET_KEYS);

/** Annotation order in a sidecar: by start, then end, then id. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.target.start - b.target.start || a.target.end - b.target.end || compareStrings(a.id, b.id);
}

/** Relation order in a sidecar: by from, to, type, id. */
export function compareRelations(a: Relation, b: Relation): number {
  return compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.type, b.type) || compareStrings(a.id, b.id);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The sidecar as it is written to disk, always in the current version: annotations sorted by start, end, id;
 * relations by from, to, type, id (always present); the per-annotator status map (omitted when empty); keys in
 * a fixed order (unknown keys after the known ones, sorted); 2-space indent; final newline.
 * Byte-identical for equal content, and idempotent with parseSidecar.
 */
export function serializeSidecar(sidecar: Sidecar): string {
  // A newer file's content is shown read-only and must never be written back in an older format.
  if (sidecar.version > SIDECAR_VERSION) throw new Error(`cannot write sidecar version ${String(sidecar.version)}`);
  const target = (t: unknown): unknown => ordered(t as Record<string, unknown>, TARGET_KEYS, TARGET_KEY_SET);
  const annotation = (a: unknown): unknown => ordered(a as Record<string, unknown>, ANNOTATION_KEYS, ANNOTATION_KEY_SET, { target });
  const relation = (r: unknown): unknown => ordered(r as Record<string, unknown>, RELATION_KEYS, RELATION_KEY_SET);
  const statuses = statusesOf(sidecar);
  const current: Sidecar = {
    ...sidecar,
    version: SIDECAR_VERSION,
    status: Object.keys(statuses).length > 0 ? statuses : undefined,
    relations: sidecar.relations ?? [],
  };
  const value = ordered(current as Record<string, unknown>, SIDECAR_KEYS, SIDECAR_KEY_SET, {
    document: (d) => ordered(d as Record<string, unknown>, DOCUMENT_KEYS, DOCUMENT_KEY_SET),
    status: (map) => ordered(map as Record<string, unknown>, [], new Set(), {}, (v) => ordered(v as Record<string, unknown>, ANNOTATOR_STATUS_KEYS, ANNOTATOR_STATUS_KEY_SET)),
    annotations: (list) => [...(list as Annotation[])].sort(compareAnnotations).map(annotation),
    relations: (list) => [...(list as Relation[])].sort(compareRelations).map(relation),
  });
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** UTF-8 bytes of serializeSidecar, ready for writeFileAtomic. */
export function encodeSidecar(sidecar: Sidecar): Uint8Array {
  return new TextEncoder().encode(serializeSidecar(sidecar));
}

// ---------------------------------------------------------------------------------------------
// Construction

/** `document` block for `text` (the document text as VS Code holds it: BOM removed). */
export async function describeDocument(fileName: string, text: string, source: string | null = null): Promise<DocumentInfo> {
  return { file: fileName, source, sha256: await sha256Hex(text), length: text.length };
}

export function createSidecar(document: DocumentInfo, annotations: Annotation[] = [], relations: Relation[] = []): Sidecar {
  return {
    version: SIDECAR_VERSION,
    document,
    annotations: [...annotations].sort(compareAnnotations),
    relations: [...relations].sort(compareRelations),
  };
}

export interface NewAnnotation {
  tag: string;
  target: AnchorTarget;
  attributes?: Record<string, unknown>;
  note?: string;
  author?: string;
  /** Defaults to a random UUID. */
  id?: string;
  /** Defaults to the current time. */
  now?: Date;
}

export function newAnnotation(init: NewAnnotation): Annotation {
  const when = (init.now ?? new Date()).toISOString();
  return {
    id: init.id ?? newId(),
    tag: init.tag,
    target: { ...init.target },
    attributes: { ...(init.attributes ?? {}) },
    note: init.note ?? '',
    author: init.author ?? '',
    created: when,
    modified: when,
  };
}

export interface NewRelation {
  type: string;
  from: string;
  to: string;
  attributes?: Record<string, unknown>;
  note?: string;
  author?: string;
  /** Defaults to a random UUID. */
  id?: string;
  /** Defaults to the current time. */
  now?: Date;
}

export function newRelation(init: NewRelation): Relation {
  const when = (init.now ?? new Date()).toISOString();
  return {
    id: init.id ?? newId(),
    type: init.type,
    from: init.from,
    to: init.to,
    attributes: { ...(init.attributes ?? {}) },
    note: init.note ?? '',
    author: init.author ?? '',
    created: when,
    modified: when,
  };
}
