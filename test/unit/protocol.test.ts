// The Annotations panel's message protocol (src/webview/protocol.ts): what each side accepts and what it drops.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeMessage, httpUrl, parseToHost, parseToWebview, type PanelState } from '../../src/webview/protocol';

const ID = '3f2b9c1e-0d4a-4b7e-9a51-6c2d8e0f1a2b';

const state: PanelState = {
  document: { uri: 'file:///w/000_a.txt', name: '000_a.txt', title: 'Headline', status: 'in-progress', sidecar: 'ready', problems: [] },
  tags: [
    {
      id: 'claim',
      label: 'Claim',
      description: '',
      color: 'seedAnnotator.tag.claim',
      attributes: [
        { id: 'verdict', label: 'Verdict', description: '', kind: 'enum', values: ['true', 'false'] },
        { id: 'evidence', label: 'Evidence', description: '', kind: 'url-list' },
      ],
    },
  ],
  relationTypes: [{ id: 'supports', label: 'Supports', description: '', from: ['claim'], to: ['claim'], symmetric: false }],
  relations: [{ id: 'r-1', type: 'supports', from: ID, to: 'a-2' }],
  annotations: [
    {
      id: ID,
      tag: 'claim',
      orphaned: false,
      start: 10,
      end: 20,
      exact: '<img src=x onerror=alert(1)>',
      attributes: { verdict: 'true', evidence: ['https://a.example/', 'javascript:alert(1)'], odd: { json: '{"n":1}' } },
      note: '</script><script>alert(1)</script>',
    },
  ],
};

test('valid messages from the webview pass, unchanged', () => {
  const valid = [
    { type: 'ready' },
    { type: 'reveal', requestId: 1, id: ID },
    { type: 'update', requestId: 2, id: ID, patch: { note: 'n' } },
    { type: 'update', requestId: 3, id: ID, patch: { tag: 'quote', attributes: { speaker: 'A', evidence: ['https://x.example/'], gone: null } } },
    { type: 'remove', requestId: 4, id: ID },
    { type: 'reattach', requestId: 5, id: ID },
    { type: 'setStatus', requestId: 6, status: 'done' },
    { type: 'tagNext', requestId: 7 },
    { type: 'tagNext', requestId: 8, afterId: ID },
    { type: 'openLink', requestId: 9, url: 'https://a.example/' },
    { type: 'link', requestId: 10, relationType: 'attributed-to', from: ID, to: 'a-2' },
    { type: 'unlink', requestId: 11, id: 'r-1' },
    { type: 'skip', requestId: 12 },
    { type: 'skip', requestId: 13, afterId: ID },
    { type: 'openDocument', requestId: 14, direction: 'next' },
    { type: 'openDocument', requestId: 15, direction: 'previous' },
    { type: 'suggestion', requestId: 16, action: 'accept', id: 'builtin:q1' },
    { type: 'suggestion', requestId: 17, action: 'reject', id: 'test-model:x1' },
    { type: 'suggestion', requestId: 18, action: 'acceptAll', tag: 'claim' },
  ];
  for (const message of valid) {
    const parsed = parseToHost(message);
    assert.ok(parsed.ok, `${JSON.stringify(message)}: ${parsed.ok ? '' : parsed.error}`);
    assert.deepEqual(parsed.message, message);
  }
});

test('invalid messages from the webview are rejected with a reason', () => {
  const invalid: unknown[] = [
    null,
    'ready',
    42,
    [],
    {},
    { type: 'unknown' },
    { type: 'ready', extra: 1 }, // strict: no unknown keys
    { type: 'reveal', id: ID }, // no requestId
    { type: 'reveal', requestId: -1, id: ID },
    { type: 'reveal', requestId: 1.5, id: ID },
    { type: 'reveal', requestId: '1', id: ID },
    { type: 'reveal', requestId: 1, id: '../../etc/passwd' },
    { type: 'reveal', requestId: 1, id: '' },
    { type: 'update', requestId: 1, id: ID, patch: { note: 5 } },
    { type: 'update', requestId: 1, id: ID, patch: { tag: 'Not A Tag' } },
    { type: 'update', requestId: 1, id: ID, patch: { status: 'orphaned' } }, // only tag, attributes, note
    { type: 'update', requestId: 1, id: ID, patch: { attributes: { 'Bad Key': 'x' } } },
    { type: 'update', requestId: 1, id: ID, patch: { attributes: { speaker: { nested: true } } } },
    { type: 'update', requestId: 1, id: ID, patch: { note: 'x'.repeat(1_000_001) } },
    { type: 'update', requestId: 1, id: ID },
    { type: 'setStatus', requestId: 1, status: 'finished' },
    { type: 'openLink', requestId: 1 },
    { type: '__proto__', requestId: 1 },
    { type: 'link', requestId: 1, relationType: 'attributed-to', from: ID }, // both ends
    { type: 'link', requestId: 1, relationType: 'Attributed To', from: ID, to: 'a-2' },
    { type: 'link', requestId: 1, relationType: 'supports', from: ID, to: '<b>x</b>' },
    { type: 'link', requestId: 1, type2: 'supports', from: ID, to: 'a-2' },
    { type: 'unlink', requestId: 1 },
    { type: 'unlink', requestId: 1, id: 'r-1', from: ID },
    { type: 'skip', requestId: 1, afterId: '../x' },
    { type: 'openDocument', requestId: 1, direction: 'sideways' },
    { type: 'openDocument', requestId: 1, direction: 'next', uri: 'file:///etc/passwd' },
    { type: 'suggestion', requestId: 1, action: 'approve', id: 'builtin:q1' },
    { type: 'suggestion', requestId: 1, action: 'accept', id: '' },
    { type: 'suggestion', requestId: 1, action: 'accept', id: 'x'.repeat(301) },
    { type: 'suggestion', requestId: 1, action: 'acceptAll', tag: 'Not A Tag' },
    { type: 'suggestion', action: 'accept', id: 'builtin:q1' }, // no requestId
  ];
  for (const message of invalid) {
    const parsed = parseToHost(message);
    assert.equal(parsed.ok, false, `accepted ${JSON.stringify(message)?.slice(0, 120)}`);
    if (!parsed.ok) assert.ok(parsed.error.length > 0);
  }
});

test('the host\'s messages pass the webview\'s check; malformed ones do not', () => {
  for (const message of [
    { type: 'state', state },
    { type: 'state', state: { document: null, tags: [], relationTypes: [], relations: [], annotations: [] } },
    { type: 'reply', requestId: 1, ok: true },
    { type: 'reply', requestId: 2, ok: true, id: ID },
    { type: 'reply', requestId: 3, ok: false, error: 'X.txt.annotations.json is unreadable; it is left untouched.' },
    { type: 'select', id: ID },
    { type: 'select', id: ID, focus: 'note' },
    { type: 'reply', requestId: 4, ok: true, notice: 'You reached the end of the document.' },
    { type: 'deselect' },
    { type: 'notice', text: 'You reached the end of the document.' },
    { type: 'state', state: { ...state, annotations: state.annotations.map((a) => ({ ...a, line: 12 })) } },
    { type: 'state', state: { ...state, suggestions: [{ id: 'builtin:q1', tag: 'claim', start: 1, end: 5, exact: '<b>x</b>', line: 2, provider: 'builtin', speaker: 'A. Perrin' }] } },
  ]) {
    const parsed = parseToWebview(message);
    assert.ok(parsed.ok, `${JSON.stringify(message).slice(0, 120)}: ${parsed.ok ? '' : parsed.error}`);
    assert.deepEqual(parsed.message, message);
  }
  const bad = (mutate: (s: PanelState & Record<string, unknown>) => void) => {
    const copy = structuredClone(state) as PanelState & Record<string, unknown>;
    mutate(copy);
    return { type: 'state', state: copy };
  };
  for (const message of [
    { type: 'reply', requestId: 1, ok: false }, // an error needs its message
    { type: 'reply', requestId: 1, ok: true, error: 'x' },
    { type: 'reply', requestId: 1 },
    { type: 'select', id: 'no spaces allowed' },
    { type: 'select', id: ID, focus: 'elsewhere' },
    { type: 'notice' },
    { type: 'notice', text: 'x'.repeat(5000) },
    { type: 'deselect', id: ID },
    { type: 'state' },
    bad((s) => { (s.annotations[0] as Record<string, unknown>).line = 0; }),
    bad((s) => { s.extra = 1; }),
    bad((s) => { s.document!.status = 'later' as never; }),
    bad((s) => { s.tags[0]!.color = 'red; background: url(x)'; }),
    bad((s) => { s.tags[0]!.attributes[0]!.kind = 'html' as never; }),
    bad((s) => { s.annotations[0]!.start = -1; }),
    bad((s) => { s.annotations[0]!.attributes = { x: 5 } as never; }),
    bad((s) => { (s.annotations[0] as Record<string, unknown>).html = '<b>'; }),
    bad((s) => { delete (s as Record<string, unknown>).relations; }),
    bad((s) => { s.relations[0]!.to = '../../x'; }),
    bad((s) => { (s.relations[0] as Record<string, unknown>).label = '<b>'; }),
    bad((s) => { s.relationTypes[0]!.symmetric = 'yes' as never; }),
    bad((s) => { s.relationTypes[0]!.from = ['Not A Tag']; }),
    bad((s) => { s.suggestions = [{ id: 'builtin:q1', tag: 'claim', start: -1, end: 5, exact: 'x', provider: 'builtin' }]; }),
    bad((s) => { s.suggestions = [{ id: 'builtin:q1', tag: 'claim', start: 1, end: 5, exact: 'x', provider: 'builtin', html: '<b>' } as never]; }),
  ]) {
    assert.equal(parseToWebview(message).ok, false, `accepted ${JSON.stringify(message).slice(0, 160)}`);
  }
});

test('payloads in text fields are data: they pass as the same strings', () => {
  const parsed = parseToWebview({ type: 'state', state });
  assert.ok(parsed.ok);
  assert.equal(parsed.ok && parsed.message.type === 'state' && parsed.message.state.annotations[0]!.exact, '<img src=x onerror=alert(1)>');
});

test('httpUrl accepts http(s) only', () => {
  assert.equal(httpUrl('https://a.example/x?y=1'), 'https://a.example/x?y=1');
  assert.equal(httpUrl('http://a.example'), 'http://a.example/');
  for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'vscode://x', 'command:workbench.action.quit', '//a.example', 'a.example', '']) {
    assert.equal(httpUrl(bad), null, bad);
  }
});

test('describeMessage names the type only, never the content', () => {
  assert.equal(describeMessage({ type: 'update', patch: { note: 'secret' } }), "'update' message");
  assert.equal(describeMessage({ note: 'secret' }), 'message without a type');
  assert.equal(describeMessage(null), 'object');
  assert.equal(describeMessage('x'), 'string');
  assert.ok(!describeMessage({ type: 'x'.repeat(1000) }).includes('x'.repeat(41)));
});
