import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SidecarWriter, tempFileTarget, tempPathFor, writeFileAtomic, type SidecarFs } from '../../src/core/annotations/atomic';
import { createNodeSidecarFs } from '../../src/cli/node-fs';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

/** An in-memory SidecarFs that logs every call and can be told to fail or to stall. */
class MemoryFs implements SidecarFs {
  files = new Map<string, Uint8Array>();
  log: string[] = [];
  failWrite = false;
  failRename = false;
  /** Pending write completions, when `stall` is set. */
  stall = false;
  private stalled: Array<() => void> = [];

  async readFile(p: string): Promise<Uint8Array> {
    const data = this.files.get(p);
    if (!data) throw new Error(`ENOENT ${p}`);
    return data;
  }
  async writeFile(p: string, data: Uint8Array): Promise<void> {
    this.log.push(`write ${p} ${dec(data)}`);
    if (this.stall) await new Promise<void>((resolve) => this.stalled.push(resolve));
    if (this.failWrite) throw new Error('disk full');
    this.files.set(p, data);
  }
  async rename(from: string, to: string): Promise<void> {
    this.log.push(`rename ${from} ${to}`);
    if (this.failRename) throw new Error('EPERM');
    const data = this.files.get(from);
    if (!data) throw new Error(`ENOENT ${from}`);
    this.files.delete(from);
    this.files.set(to, data);
  }
  async delete(p: string): Promise<void> {
    this.log.push(`delete ${p}`);
    this.files.delete(p);
  }
  release(): void {
    const next = this.stalled.shift();
    next?.();
  }
  get waiting(): number {
    return this.stalled.length;
  }
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

test('temp files live in the same folder, hidden, with a recognisable name', () => {
  const t = tempPathFor('/w/dir/X.txt.annotations.json');
  assert.match(t, /^\/w\/dir\/\.X\.txt\.annotations\.json\.[0-9a-f]{12}\.tmp$/);
  assert.match(tempPathFor('file:///w/a%20b/X.json'), /^file:\/\/\/w\/a%20b\/\.X\.json\.[0-9a-f]{12}\.tmp$/);
  assert.match(tempPathFor('C:\\w\\X.json'), /^C:\\w\\\.X\.json\.[0-9a-f]{12}\.tmp$/);
  assert.match(tempPathFor('X.json'), /^\.X\.json\.[0-9a-f]{12}\.tmp$/);
  assert.notEqual(tempPathFor('X.json'), tempPathFor('X.json'));
  assert.equal(tempFileTarget(path.basename(t)), 'X.txt.annotations.json');
  assert.equal(tempFileTarget('X.txt.annotations.json'), null);
});

test('writeFileAtomic writes a temp file, then renames it over the target', async () => {
  const fs = new MemoryFs();
  fs.files.set('/d/a.json', enc('old'));
  await writeFileAtomic(fs, '/d/a.json', enc('new'));
  assert.equal(fs.log.length, 2);
  const temp = fs.log[0]!.split(' ')[1]!;
  assert.match(temp, /^\/d\/\.a\.json\.[0-9a-f]{12}\.tmp$/);
  assert.deepEqual(fs.log, [`write ${temp} new`, `rename ${temp} /d/a.json`]);
  assert.deepEqual([...fs.files.keys()], ['/d/a.json']);
  assert.equal(dec(fs.files.get('/d/a.json')), 'new');
});

test('a failed write or rename leaves the target untouched and removes the temp file', async () => {
  for (const failure of ['failWrite', 'failRename'] as const) {
    const fs = new MemoryFs();
    fs.files.set('/d/a.json', enc('old'));
    fs[failure] = true;
    await assert.rejects(writeFileAtomic(fs, '/d/a.json', enc('new')));
    assert.equal(dec(fs.files.get('/d/a.json')), 'old');
    assert.deepEqual([...fs.files.keys()], ['/d/a.json'], failure);
    assert.match(fs.log[fs.log.length - 1]!, /^delete \/d\/\.a\.json\.[0-9a-f]{12}\.tmp$/);
  }
});

test('the writer serialises writes per path and coalesces queued ones', async () => {
  const fs = new MemoryFs();
  fs.stall = true;
  const writer = new SidecarWriter(fs);
  const settled: string[] = [];
  const w1 = writer.write('/d/a.json', enc('1')).then(() => settled.push('1'));
  const w2 = writer.write('/d/a.json', enc('2')).then(() => settled.push('2'));
  const w3 = writer.write('/d/a.json', enc('3')).then(() => settled.push('3'));
  const other = writer.write('/d/b.json', enc('b')).then(() => settled.push('b'));
  await tick();
  // One write in progress per path; b runs concurrently with a.
  assert.equal(fs.waiting, 2);
  assert.ok(writer.busy('/d/a.json'));
  fs.release(); // a: 1
  fs.release(); // b
  await tick();
  assert.deepEqual(settled.sort(), ['1', 'b']);
  assert.equal(fs.waiting, 1); // a: 3 (2 was superseded)
  fs.release();
  await Promise.all([w1, w2, w3, other]);
  assert.deepEqual(settled.sort(), ['1', '2', '3', 'b']);
  const writes = fs.log.filter((l) => l.startsWith('write')).map((l) => l.split(' ')[2]);
  assert.deepEqual(writes, ['1', 'b', '3']);
  assert.equal(dec(fs.files.get('/d/a.json')), '3');
  await writer.flush();
  assert.equal(writer.busy(), false);
});

test('writes to one path never interleave (no rename while another write of it runs)', async () => {
  const fs = new MemoryFs();
  let active = 0;
  let maxActive = 0;
  const wrapped: SidecarFs = {
    readFile: (p) => fs.readFile(p),
    writeFile: async (p, d) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await tick();
      await fs.writeFile(p, d);
    },
    rename: async (a, b) => {
      await tick();
      await fs.rename(a, b);
      active--;
    },
    delete: (p) => fs.delete(p),
  };
  const w = new SidecarWriter(wrapped);
  const all: Array<Promise<void>> = [];
  for (let i = 0; i < 20; i++) {
    all.push(w.write('/d/a.json', enc(String(i))));
    if (i % 3 === 0) await tick();
  }
  await Promise.all(all);
  assert.equal(maxActive, 1);
  assert.equal(dec(fs.files.get('/d/a.json')), '19');
});

test('a failed write rejects its callers; later writes still run', async () => {
  const fs = new MemoryFs();
  const writer = new SidecarWriter(fs);
  fs.failWrite = true;
  await assert.rejects(writer.write('/d/a.json', enc('x')), /disk full/);
  fs.failWrite = false;
  await writer.write('/d/a.json', enc('y'));
  assert.equal(dec(fs.files.get('/d/a.json')), 'y');
});

test('node adapter: atomic replace on disk, no temp file left', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-atomic-'));
  try {
    const file = path.join(dir, 'X.txt.annotations.json');
    writeFileSync(file, 'old');
    const fs = createNodeSidecarFs();
    await writeFileAtomic(fs, file, enc('{"new":true}\n'));
    assert.equal(readFileSync(file, 'utf8'), '{"new":true}\n');
    assert.deepEqual(readdirSync(dir), ['X.txt.annotations.json']);
    assert.equal(dec(await fs.readFile(file)), '{"new":true}\n');
    await assert.rejects(writeFileAtomic(fs, path.join(dir, 'missing-dir', 'Y.json'), enc('x')));
    assert.deepEqual(readdirSync(dir), ['X.txt.annotations.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
