// The compare-and-swap sidecar write over an in-memory file port: changes made between the read and the write are
// merged by id, a change made between the merge and the rename is caught, an unreadable change is never
// overwritten, and a failed write (disk full) leaves the file as it was and no temp file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SidecarChangedError, writeSidecarCas, type CasFs } from '../../src/core/annotations/casWrite';
import { createSidecar, encodeSidecar, newAnnotation, parseSidecar } from '../../src/core/annotations/sidecar';
import type { Sidecar } from '../../src/core/annotations/schema';

const TEXT = 'One claim here. Another claim there. A third one.';
const info = { file: 'a.txt', source: null, sha256: '0'.repeat(64), length: TEXT.length };

function ann(id: string, exact: string) {
  const start = TEXT.indexOf(exact);
  return newAnnotation({ id, tag: 'claim', target: { start, end: start + exact.length, exact, prefix: '', suffix: '' }, now: new Date(Date.UTC(2025, 0, 1)) });
}

class MemoryFs implements CasFs {
  files = new Map<string, Uint8Array>();
  /** Runs before each read of the target (the other writer's move). */
  beforeRead: Array<() => void> = [];
  failWrite: NodeJS.ErrnoException | null = null;
  async readFile(p: string) {
    const f = this.files.get(p);
    if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return f;
  }
  async readIfExists(p: string) {
    this.beforeRead.shift()?.();
    return this.files.get(p) ?? null;
  }
  async writeFile(p: string, data: Uint8Array) {
    if (this.failWrite) throw this.failWrite;
    this.files.set(p, data);
  }
  async rename(from: string, to: string) {
    this.files.set(to, this.files.get(from)!);
    this.files.delete(from);
  }
  async delete(p: string) {
    this.files.delete(p);
  }
}

function read(fs: MemoryFs): Sidecar {
  const r = parseSidecar(new TextDecoder().decode(fs.files.get('a.txt.annotations.json')!), 'x');
  assert.ok(r.ok);
  return r.sidecar;
}

test('a change made after the read is merged by id; one made between the merge and the rename is caught and merged too', async () => {
  const fs = new MemoryFs();
  const path = 'a.txt.annotations.json';
  const base = createSidecar(info, [ann('a', 'One claim')]);
  const baseBytes = encodeSidecar(base);
  fs.files.set(path, baseBytes);
  const ours = createSidecar(info, [ann('a', 'One claim'), ann('ours', 'Another claim')]);
  fs.beforeRead.push(
    () => fs.files.set(path, encodeSidecar(createSidecar(info, [ann('a', 'One claim'), ann('theirs1', 'A third')]))), // before the first check
    () => fs.files.set(path, encodeSidecar(createSidecar(info, [ann('a', 'One claim'), ann('theirs1', 'A third'), ann('theirs2', 'claim there')]))), // right before the rename
  );
  const result = await writeSidecarCas(fs, path, { readBytes: baseBytes, base, ours, label: path });
  assert.equal(result.merges, 2);
  assert.deepEqual(read(fs).annotations.map((a) => a.id).sort(), ['a', 'ours', 'theirs1', 'theirs2']);
  assert.deepEqual([...fs.files.keys()], [path], 'no temp file left');
});

test('a sidecar that became unreadable meanwhile is left untouched; a failed write (ENOSPC) leaves the file as it was', async () => {
  const fs = new MemoryFs();
  const path = 'a.txt.annotations.json';
  const base = createSidecar(info, [ann('a', 'One claim')]);
  const baseBytes = encodeSidecar(base);
  const broken = new TextEncoder().encode('{"version": 2, "document": ');
  fs.files.set(path, broken);
  await assert.rejects(writeSidecarCas(fs, path, { readBytes: baseBytes, base, ours: base, label: path }), (e: unknown) => e instanceof SidecarChangedError && /a\.txt\.annotations\.json: changed since it was read and can no longer be read/.test(e.message));
  assert.deepEqual(fs.files.get(path), broken);

  fs.files.set(path, baseBytes);
  fs.failWrite = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  await assert.rejects(writeSidecarCas(fs, path, { readBytes: baseBytes, base, ours: createSidecar(info, []), label: path }), /ENOSPC/);
  assert.deepEqual(fs.files.get(path), baseBytes);
  assert.deepEqual([...fs.files.keys()], [path]);
});
