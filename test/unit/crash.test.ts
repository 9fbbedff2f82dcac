/**
 * Crash safety of sidecar saves: a child process keeps adding an annotation to a sidecar and
 * saving it through writeFileAtomic, printing `saved N` after each completed save. It is killed
 * with SIGKILL at random moments, 30 times. After every kill the sidecar on disk must parse and
 * hold every annotation whose save had completed; the next child carries on from that file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { parseSidecar } from '../../src/core/annotations/sidecar';

const KILLS = 30;

/** The child, bundled to plain JavaScript so that it starts fast. */
const CHILD = `
import { existsSync, readFileSync } from 'node:fs';
import { createNodeSidecarFs } from '../../src/cli/node-fs';
import { writeFileAtomic } from '../../src/core/annotations/atomic';
import { createSidecar, encodeSidecar, newAnnotation, parseSidecar } from '../../src/core/annotations/sidecar';

const file = process.argv[2];
const fs = createNodeSidecarFs();
let sidecar;
if (existsSync(file)) {
  const r = parseSidecar(readFileSync(file, 'utf8'), file);
  if (!r.ok) {
    process.stderr.write('corrupt sidecar at start: ' + JSON.stringify(r.problems) + '\\n');
    process.exit(3);
  }
  sidecar = r.sidecar;
} else {
  sidecar = createSidecar({ file: 'doc.txt', source: null, sha256: '0'.repeat(64), length: 1000000 });
}
let n = sidecar.annotations.length;
for (;;) {
  n++;
  const start = (n * 37) % 900000;
  sidecar.annotations.push(
    newAnnotation({
      id: 'a' + n,
      tag: 'claim',
      target: { start, end: start + 12, exact: 'x'.repeat(12), prefix: 'p'.repeat(32), suffix: 's'.repeat(32) },
      note: 'note '.repeat(40 + (n % 200)),
      attributes: { verdict: 'unverified', evidence: ['https://example.org/' + n] },
    }),
  );
  await writeFileAtomic(fs, file, encodeSidecar(sidecar));
  process.stdout.write('saved ' + n + '\\n');
}
`;

test(`sidecar saves survive ${KILLS} kill -9 at random moments`, { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-crash-'));
  try {
    const child = path.join(dir, 'child.mjs');
    await esbuild.build({
      stdin: { contents: CHILD, resolveDir: import.meta.dirname, loader: 'ts', sourcefile: 'crash-child.ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: child,
      logLevel: 'error',
    });
    const sidecar = path.join(dir, 'doc.txt.annotations.json');
    let confirmed = 0;
    let leftovers = 0;
    for (let round = 0; round < KILLS; round++) {
      const proc = spawn(process.execPath, [child, sidecar], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      let savedThisRound = 0;
      const firstSave = new Promise<void>((resolve) => {
        proc.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const lines = out.split('\n');
          out = lines.pop()!;
          for (const line of lines) {
            const m = /^saved (\d+)$/.exec(line);
            assert.ok(m, `unexpected output: ${line}`);
            confirmed = Math.max(confirmed, Number(m[1]));
            savedThisRound++;
          }
          if (savedThisRound > 0) resolve();
        });
      });
      proc.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
      // Let it save at least once, then kill it at a random moment (often in the middle of a save).
      await Promise.race([firstSave, exited]);
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      proc.kill('SIGKILL');
      const code = await exited;
      assert.equal(code, null, `the child exited by itself (${code}): ${err}`);
      assert.ok(savedThisRound > 0, `round ${round}: no save completed: ${err}`);

      const r = parseSidecar(readFileSync(sidecar, 'utf8'), sidecar);
      assert.ok(r.ok, `round ${round}: the sidecar does not parse after kill -9: ${JSON.stringify(!r.ok && r.problems)}`);
      const ids = new Set(r.sidecar.annotations.map((a) => a.id));
      for (let n = 1; n <= confirmed; n++) assert.ok(ids.has(`a${n}`), `round ${round}: annotation a${n} was saved but is gone`);
      // Never more than one save ahead of what was confirmed (the save under way when killed).
      assert.ok(ids.size <= confirmed + 1, `round ${round}: ${ids.size} annotations, only ${confirmed} confirmed`);
      leftovers = readdirSync(dir).filter((f) => f.endsWith('.tmp')).length;
    }
    assert.ok(confirmed >= KILLS, `only ${confirmed} saves in ${KILLS} rounds`);
    // Temp files left by interrupted saves show that kills did land mid-save; they never replace the sidecar.
    t.diagnostic(`${KILLS} kills, ${confirmed} saves confirmed, ${leftovers} temp files of interrupted saves left`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
