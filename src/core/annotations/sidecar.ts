/**
 * Reading and writing sidecars (`X.txt.annotations.json`): validation with field paths,
 * the read-only rule for newer versions, and a stable serialisation for clean git diffs.
 */
import { sha256Hex, newId } from './hash';
import { parseJson } from './json';
import { issuesToProblems, syntaxProblem, type Problem } from './problems';
import {
  SIDECAR_VERSION,
  SidecarSchema,
  type Annotation,
  type DocumentInfo,
  type Sidecar,
} from './schema';
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
       * True when the file was written by a newer Seed Annotator (`version` > 1). Such a file
       * must never be rewritten; `sidecar` then holds its content when it also fits version 1,
       * for read-only display.
       */
      readOnly: boolean;
      /** The `version` of a newer file. */
      version?: number;
      sidecar?: Sidecar;
    };

/**
 * Parses and validates sidecar JSON. `sidecarFileName` only labels the problems
 * (`<file>: <field.path>: <message>`). Never throws.
 */
export function parseSidecar(jsonText: string, sidecarFileName: string): SidecarReadResult {
  const json = parseJson(jsonText);
  if (!json.ok) {
    return { ok: false, readOnly: false, problems: [syntaxProblem(sidecarFileName, json.error)] };
  }
  const raw = json.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      readOnly: false,
      problems: [{ file: sidecarFileName, path: '(root)', severity: 'error', message: 'expected a JSON object with "version", "document" and "annotations"' }],
    };
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isFinite(version) && version > SIDECAR_VERSION) {
    const asV1 = SidecarSchema.safeParse({ ...raw, version: SIDECAR_VERSION });
    return {
      ok: false,
      readOnly: true,
      version,
      ...(asV1.success ? { sidecar: asV1.data } : {}),
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
  return { ok: true, readOnly: false, sidecar: parsed.data };
}

// ---------------------------------------------------------------------------------------------
// Stable serialisation

const SIDECAR_KEYS = ['version', 'status', 'document', 'annotations'] as const;
const DOCUMENT_KEYS = ['file', 'source', 'sha256', 'length'] as const;
const ANNOTATION_KEYS = ['id', 'tag', 'status', 'target', 'attributes', 'note', 'author', 'created', 'modified'] as const;
const TARGET_KEYS = ['start', 'end', 'exact', 'prefix', 'suffix'] as const;

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
    if (obj[k] !== undefined) out[k] = canonical(obj[k]);
  }
  return out;
}

/** Known keys in their documented order, then unknown keys sorted. */
function ordered(
  obj: Record<string, unknown>,
  known: readonly string[],
  knownSet: ReadonlySet<string>,
  special: Record<string, (v: unknown) => unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of known) {
    const v = obj[k];
    if (v === undefined) continue;
    const convert = special[k];
    out[k] = convert ? convert(v) : canonical(v);
  }
  let extra: string[] | undefined;
  for (const k in obj) {
    if (!knownSet.has(k) && Object.prototype.hasOwnProperty.call(obj, k) && obj[k] !== undefined) (extra ??= []).push(k);
  }
  if (extra) for (const k of extra.sort()) out[k] = canonical(obj[k]);
  return out;
}

const SIDECAR_KEY_SET = new Set<string>(SIDECAR_KEYS);
const DOCUMENT_KEY_SET = new Set<string>(DOCUMENT_KEYS);
const ANNOTATION_KEY_SET = new Set<string>(ANNOTATION_KEYS);
const TARGET_KEY_SET = new Set<string>(TARGET_KEYS);

/** Annotation order in a sidecar: by start, then end, then id. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.target.start - b.target.start || a.target.end - b.target.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The sidecar as it is written to disk: annotations sorted by start, end, id; keys in a fixed
 * order (unknown keys after the known ones, sorted); 2-space indent; final newline.
 * Byte-identical for equal content, and idempotent with parseSidecar.
 */
export function serializeSidecar(sidecar: Sidecar): string {
  if (sidecar.version !== SIDECAR_VERSION) throw new Error(`cannot write sidecar version ${String(sidecar.version)}`);
  const target = (t: unknown): unknown => ordered(t as Record<string, unknown>, TARGET_KEYS, TARGET_KEY_SET);
  const annotation = (a: unknown): unknown => ordered(a as Record<string, unknown>, ANNOTATION_KEYS, ANNOTATION_KEY_SET, { target });
  const value = ordered(sidecar as Record<string, unknown>, SIDECAR_KEYS, SIDECAR_KEY_SET, {
    document: (d) => ordered(d as Record<string, unknown>, DOCUMENT_KEYS, DOCUMENT_KEY_SET),
    annotations: (list) => [...(list as Annotation[])].sort(compareAnnotations).map(annotation),
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

export function createSidecar(document: DocumentInfo, annotations: Annotation[] = []): Sidecar {
  return { version: SIDECAR_VERSION, document, annotations: [...annotations].sort(compareAnnotations) };
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
