// A real git run: two branches tag the same document; merged with the driver (no conflict, both kept) and without
// it (the conflicted sidecar is recognised, then resolved from git's stages).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { makeTarget } from '../../src/core/annotations/anchor';
import type { Sidecar } from '../../src/core/annotations/schema';
import { createSidecar, describeDocument, newAnnotation, parseSidecar, serializeSidecar } from '../../src/core/annotations/sidecar';
import { statusFor, statusesOf } from '../../src/core/annotations/status';
import { hasMergeAttribute, shellQuote, withMergeAttribute } from '../../src/core/team/gitSetup';
import { cli, root } from './support/cli';

const hasGit = spawnSync('git', ['--version']).status === 0;
const DOC = 'article.txt';
const SIDECAR = `${DOC}.annotations.json`;
const TEXT = 'Source: https://news.example/a\n\nPort dredging delayed\n\nThe port said the silt was twice as dense. “We will finish in September,” said the director.\n';
const RUNNER = [process.execPath, '--import', pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href, path.join(root, 'src/cli/main.ts')].map(shellQuote).join(' ');

function git(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function ok(cwd: string, ...args: string[]): string {
  const r = git(cwd, ...args);
  assert.equal(r.code, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function tagged(sidecar: Sidecar, author: string, phrase: string, tag: string): Promise<Sidecar> {
  const start = TEXT.indexOf(phrase);
  const a = newAnnotation({ tag, author, target: makeTarget(TEXT, start, start + phrase.length) });
  return { ...sidecar, annotations: [...sidecar.annotations, a] };
}

/** A repository on main with the document and an empty sidecar; branch alice tags a claim, branch bob a quote. */
async function repository(): Promise<{ dir: string; base: Sidecar }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-git-'));
  ok(dir, 'init', '-q', '-b', 'main');
  ok(dir, 'config', 'commit.gpgsign', 'false');
  writeFileSync(path.join(dir, DOC), TEXT);
  const base = createSidecar(await describeDocument(DOC, TEXT, 'https://news.example/a'));
  writeFileSync(path.join(dir, SIDECAR), serializeSidecar(base));
  ok(dir, 'add', '.');
  ok(dir, 'commit', '-qm', 'document');
  ok(dir, 'checkout', '-qb', 'alice');
  writeFileSync(path.join(dir, SIDECAR), serializeSidecar(await tagged(base, 'alice', 'the silt was twice as dense', 'claim')));
  ok(dir, 'commit', '-qam', 'alice tags');
  ok(dir, 'checkout', '-q', 'main');
  ok(dir, 'checkout', '-qb', 'bob');
  const bobs = { ...(await tagged(base, 'bob', '“We will finish in September,”', 'quote')), status: { bob: { status: 'done' as const, modified: '2026-01-01T00:00:00.000Z' } } };
  writeFileSync(path.join(dir, SIDECAR), serializeSidecar(bobs));
  ok(dir, 'commit', '-qam', 'bob tags');
  ok(dir, 'checkout', '-q', 'alice');
  return { dir, base };
}

function readSidecar(dir: string): Sidecar {
  const r = parseSidecar(readFileSync(path.join(dir, SIDECAR), 'utf8'), SIDECAR);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.sidecar;
}

test('git: with the merge driver set up, two branches that tagged one document merge without conflict, both kept', { skip: !hasGit }, async () => {
  const { dir } = await repository();
  try {
    const setup = cli('git-setup', dir, '--command', RUNNER);
    assert.equal(setup.code, 0, setup.stderr);
    assert.match(readFileSync(path.join(dir, '.gitattributes'), 'utf8'), /^\*\.annotations\.json merge=seed-annotator$/m);
    assert.equal(cli('git-setup', dir, '--command', RUNNER).code, 0); // again: nothing added twice
    assert.equal(readFileSync(path.join(dir, '.gitattributes'), 'utf8').match(/merge=seed-annotator/g)!.length, 1);
    const merge = git(dir, 'merge', '--no-edit', 'bob');
    assert.equal(merge.code, 0, merge.stdout + merge.stderr);
    const merged = readSidecar(dir);
    assert.deepEqual(merged.annotations.map((a) => `${a.author}:${a.tag}`).sort(), ['alice:claim', 'bob:quote']);
    assert.equal(statusFor(statusesOf(merged), 'bob'), 'done');
    assert.equal(ok(dir, 'status', '--porcelain').trim(), '?? .gitattributes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('git: without the driver the sidecar conflicts; it is recognised, and resolve rebuilds it from the stages', { skip: !hasGit }, async () => {
  const { dir } = await repository();
  try {
    const merge = git(dir, 'merge', '--no-edit', 'bob');
    assert.equal(merge.code, 1, 'git reports a textual conflict');
    const conflicted = readFileSync(path.join(dir, SIDECAR), 'utf8');
    const read = parseSidecar(conflicted, SIDECAR);
    assert.ok(!read.ok && read.conflicted);
    assert.match(!read.ok ? read.problems[0]!.message : '', /^merge conflict/);
    // validate says so too, and leaves the file as it is.
    const validate = cli('validate', path.join(dir, SIDECAR));
    assert.equal(validate.code, 1);
    assert.match(validate.stderr, /merge conflict/);
    assert.equal(readFileSync(path.join(dir, SIDECAR), 'utf8'), conflicted);

    const resolved = cli('resolve', path.join(dir, DOC));
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.match(resolved.stdout, /merged by id: 2 annotations/);
    const merged = readSidecar(dir);
    assert.deepEqual(merged.annotations.map((a) => `${a.author}:${a.tag}`).sort(), ['alice:claim', 'bob:quote']);
    assert.equal(ok(dir, 'diff', '--name-only', '--diff-filter=U').trim(), '', 'resolve staged the sidecar');
    ok(dir, 'commit', '-qm', 'merged');
    assert.equal(cli('resolve', path.join(dir, SIDECAR)).stdout, `${path.join(dir, SIDECAR)}: no merge conflict to resolve\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('git: resolve without git stages rebuilds from the markers themselves', { skip: !hasGit }, async () => {
  const { dir } = await repository();
  try {
    assert.equal(git(dir, 'merge', '--no-edit', 'bob').code, 1);
    ok(dir, 'add', SIDECAR); // marked resolved with the markers still in: only the file is left to go by
    const resolved = cli('resolve', path.join(dir, SIDECAR));
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.deepEqual(readSidecar(dir).annotations.map((a) => a.author).sort(), ['alice', 'bob']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('git-setup: the .gitattributes line is added once, after what is there (CRLF kept); outside a repository → exit 2', { skip: !hasGit }, () => {
  assert.equal(withMergeAttribute(null), '*.annotations.json merge=seed-annotator\n');
  assert.equal(withMergeAttribute('*.txt text\r\n'), '*.txt text\r\n*.annotations.json merge=seed-annotator\r\n');
  assert.equal(withMergeAttribute('*.txt text'), '*.txt text\n*.annotations.json merge=seed-annotator\n');
  assert.equal(withMergeAttribute('*.annotations.json  merge=seed-annotator -diff\n'), null);
  assert.ok(!hasMergeAttribute('# *.annotations.json merge=seed-annotator\n'));
  assert.equal(shellQuote("/opt/it's here/node"), `'/opt/it'\\''s here/node'`);
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-nogit-'));
  try {
    const r = cli('git-setup', dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not inside a git repository/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
