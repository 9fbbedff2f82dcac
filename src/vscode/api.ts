import type * as vscode from 'vscode';
import type { SuggestionProvider } from './suggest/providers';

export type { SuggestionProvider } from './suggest/providers';
export type { SuggestRequest } from '../core/suggest/protocol';

/** One row of the Documents tree. */
export interface DocumentRowInfo {
  uri: string;
  /** Path relative to its workspace folder, `/`-separated. */
  relativePath: string;
  /** Headline, or the file name while (or when) no headline is known. */
  title: string;
  site: string | null;
  url: string | null;
  byline: string | null;
  updated: string | null;
}

/** What `activate` returns: `vscode.extensions.getExtension(EXTENSION_ID).exports`. */
export interface SeedAnnotatorApi {
  readonly apiVersion: 1;
  /** Milliseconds `activate` took (also logged to the Seed Annotator output channel). */
  readonly activationMs: number;
  /** Rows of the Documents tree in display order, headlines resolved. */
  listDocuments(): Promise<DocumentRowInfo[]>;
  /** Fires after the document list or a document's header changed. */
  readonly onDidChangeDocuments: vscode.Event<void>;
  /** The annotations of a document (its sidecar loaded and re-anchored on first use). */
  annotations(document: vscode.Uri): Promise<AnnotationsInfo>;
  /** Fires with the document URI (string) after a document's annotations changed in memory or on disk. */
  readonly onDidChangeAnnotations: vscode.Event<string>;
  /**
   * Adds a suggestion provider: *Suggest Annotations* asks it beside the built-in one, validates its answer and
   * marks what the user accepts `origin: "suggested:<id>"`. Dispose the result to remove it.
   */
  registerSuggestionProvider(provider: SuggestionProvider): vscode.Disposable;
  /** The suggestions open (proposed, neither accepted nor rejected) for a document. */
  suggestions(document: vscode.Uri): Array<{ id: string; provider: string; tag: string; start: number; end: number; attributes: Record<string, string>; links: Array<{ type: string; to: string }> }>;
}

export interface AnnotationsInfo {
  /** `ready`: editable; `unreadable`: the sidecar has errors and is left untouched; `readonly`: from a newer version. */
  state: 'ready' | 'unreadable' | 'readonly';
  sidecar: string;
  /** As in the sidecar; offsets are UTF-16 code units into the document's current text. */
  annotations: Array<{
    id: string;
    tag: string;
    status?: 'orphaned';
    target: { start: number; end: number; exact: string; prefix: string; suffix: string };
    attributes: Record<string, unknown>;
    note: string;
  }>;
  /** Links between the annotations, as in the sidecar (both ends are ids of `annotations`). */
  relations: Array<{ id: string; type: string; from: string; to: string; attributes: Record<string, unknown>; note: string }>;
  /** `<sidecar>: <field.path>: <message>` lines. */
  problems: string[];
}

export const EXTENSION_ID = 'seed-annotator.seed-annotator';
