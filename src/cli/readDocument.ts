import { readFileSync } from 'node:fs';
import { DocumentReadError, decodeDocument } from '../core/text';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'no such file',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/** Reads and decodes a source document; every failure is a DocumentReadError naming `path`. */
export function readDocumentFile(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new DocumentReadError(path, REASONS[code] ?? (code || String(error)));
  }
  return decodeDocument(bytes, path);
}
