import type * as vscode from 'vscode';

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
}

export const EXTENSION_ID = 'seed-annotator.seed-annotator';
