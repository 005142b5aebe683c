// The diagnostics wire form (diagnostic-wire.ts) and the stdio encoder that splices it (stdio-connection.ts): the
// bytes are exactly what JSON.stringify of the converted diagnostics gives, equal diagnostics share one entry
// between checks, and a report reads "same" only when every field toDiagnostic reads is equal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from 'vscode-jsonrpc';
import type { Finding } from '../../server/src/analysis/findings';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { DiagnosticWire, EncodedDiagnostics } from '../../server/src/lsp/diagnostics/diagnostic-wire';
import { MessageEncoder } from '../../server/src/lsp/stdio-connection';
import { pathToUri } from '../../server/src/lsp/uri';

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

function finding(overrides: Partial<Finding> = {}): Finding {
  return { code: 'SAG301', severity: 'error', message: 'binding `HOOKS` is not declared in wrangler.toml (declared: TARGET)', file: '/w/api-config.json', range: range(3, 35, 42), related: [], fixes: [], ...overrides };
}

const variety = (): Finding[] => [
  finding(),
  finding({ env: 'staging', message: 'binding `HOOKS` is not declared in [env.staging]' }),
  finding({ env: '', code: 'SAG302', severity: 'warning', message: 'declared at the top level only (env: staging)' }),
  finding({ code: 'SAG511', severity: 'information', message: 'quotes " and \\ backslashes, tab\t, U+0000 \u0000, emoji \u{1F600}, lone surrogate \ud800', related: [{ file: '/w/wrangler.toml', range: range(9, 10, 17), message: '`HOOKS` declared here' }] }),
  finding({ severity: 'hint', message: 'ünïcödé in a path: /w/ä.json', related: [{ file: '/w/ä b.toml', range: range(0, 0, 1), message: 'a' }, { file: '/w/x.js', range: range(2, 0, 4), message: 'b' }] }),
];

const concat = (encoded: EncodedDiagnostics): string => {
  const out = Buffer.alloc(encoded.byteLength + 8, 0x7e);
  const end = encoded.writeInto(out, 4);
  assert.equal(end - 4, encoded.byteLength, 'writeInto writes byteLength bytes');
  assert.equal(out.subarray(0, 4).toString(), '~~~~', 'nothing before the offset');
  assert.equal(out.subarray(end).toString(), '~~~~', 'nothing after the array');
  return out.subarray(4, end).toString('utf8');
};

test('the encoded bytes are exactly JSON.stringify of the converted diagnostics', () => {
  const wire = new DiagnosticWire(pathToUri);
  const findings = variety();
  const encoded = wire.encode(findings);
  assert.equal(concat(encoded), JSON.stringify(findings.map((f) => toDiagnostic(f, pathToUri))));
  assert.equal(JSON.stringify(encoded), JSON.stringify(findings.map((f) => toDiagnostic(f, pathToUri))), 'toJSON for other transports');
  assert.equal(concat(wire.encode([])), '[]');
});

test('findings that moved (Enter above them) are written from the entries of the same diagnostic elsewhere: same bytes', () => {
  const wire = new DiagnosticWire(pathToUri);
  const moved = (f: Finding, lines: number): Finding => ({ ...f, range: { start: { ...f.range.start, line: f.range.start.line + lines }, end: { ...f.range.end, line: f.range.end.line + lines } } });
  const kinds = [...variety(), finding({ message: 'same message, other code', code: 'SAG302' }), finding({ message: 'same message, other code', code: 'SAG303' })];
  const expected = (findings: Finding[]) => JSON.stringify(findings.map((f) => toDiagnostic(f, pathToUri)));
  wire.encode(kinds);
  const entriesBefore = wire.entryCount;
  for (const lines of [1, 2, 1000, 0]) {
    const findings = kinds.map((f) => moved(f, lines));
    assert.equal(concat(wire.encode(findings)), expected(findings), `${lines} lines down`);
  }
  // Each moved finding is an entry of its own (positions differ); the ones at line + 0 are the first ones again.
  assert.equal(wire.entryCount, entriesBefore * 4);
  // A range that is not all integers (never made by the engine) is still written as JSON.stringify writes it, and
  // lends nothing to a finding of the same message.
  const odd = finding({ range: { start: { line: 1.5, character: 0 }, end: { line: 2, character: Number.NaN } } });
  const fresh = new DiagnosticWire(pathToUri);
  assert.equal(concat(fresh.encode([odd, moved(odd, 1)])), expected([odd, moved(odd, 1)]));
  assert.equal(concat(fresh.encode([finding()])), expected([finding()]));
});

test('equal findings from a later check share the entries: the report reads the same', () => {
  const wire = new DiagnosticWire(pathToUri);
  const first = wire.encode(variety());
  // New objects with equal content (what re-checking produces), messages rebuilt as new strings.
  const again = wire.encode(variety().map((f) => ({ ...f, message: [...f.message].join(''), range: JSON.parse(JSON.stringify(f.range)) })));
  assert.ok(again.sameAs(first));
  assert.equal(wire.entryCount, 5);
});

test('any field toDiagnostic reads makes a different diagnostic', () => {
  const wire = new DiagnosticWire(pathToUri);
  const base = wire.encode([finding()]);
  const changes: Partial<Finding>[] = [
    { code: 'SAG302' },
    { severity: 'warning' },
    { message: 'another message' },
    { env: 'staging' },
    { range: range(3, 35, 43) },
    { range: range(4, 35, 42) },
    { related: [{ file: '/w/wrangler.toml', range: range(1, 0, 1), message: 'm' }] },
  ];
  for (const change of changes) {
    const other = wire.encode([finding(change)]);
    assert.ok(!other.sameAs(base), JSON.stringify(change));
    assert.equal(concat(other), JSON.stringify([toDiagnostic(finding(change), pathToUri)]));
  }
  const related = (file: string, line: number, message: string) => finding({ related: [{ file, range: range(line, 0, 1), message }] });
  const withRelated = wire.encode([related('/w/wrangler.toml', 1, 'm')]);
  assert.ok(wire.encode([related('/w/wrangler.toml', 1, 'm')]).sameAs(withRelated));
  assert.ok(!wire.encode([related('/w/other.toml', 1, 'm')]).sameAs(withRelated));
  assert.ok(!wire.encode([related('/w/wrangler.toml', 2, 'm')]).sameAs(withRelated));
  assert.ok(!wire.encode([related('/w/wrangler.toml', 1, 'n')]).sameAs(withRelated));
  assert.ok(!wire.encode([finding(), finding()]).sameAs(base), 'length');
});

test('the URI a related location is sent with is part of the diagnostic (an open document keeps its client spelling)', () => {
  let spelling = (p: string) => pathToUri(p);
  const wire = new DiagnosticWire((p) => spelling(p));
  const f = finding({ related: [{ file: '/w/wrangler.toml', range: range(1, 0, 1), message: 'm' }] });
  const before = wire.encode([f]);
  spelling = (p) => pathToUri(p).replace('file:///', 'file:///%2F');
  const after = wire.encode([f]);
  assert.ok(!after.sameAs(before));
  assert.ok(concat(after).includes('file:///%2F'));
});

test('entries no report has used for a while are dropped', () => {
  const wire = new DiagnosticWire(pathToUri);
  for (let i = 0; i < 200; i++) wire.encode(Array.from({ length: 50 }, (_, k) => finding({ message: `edit ${i} finding ${k}` })));
  assert.ok(wire.entryCount < 64 * 50 + 2 * (50 + 1024), `bounded: ${wire.entryCount}`);
});

test("Enter after Enter above thousands of findings: the table keeps a file's last two reports, not every one", () => {
  const wire = new DiagnosticWire(pathToUri);
  const report = (down: number) => Array.from({ length: 3000 }, (_, k) => finding({ message: `finding ${k % 7}`, range: range(k + down, 4, 9) }));
  let largest = 0;
  for (let down = 0; down < 40; down++) {
    wire.encode(report(down));
    largest = Math.max(largest, wire.entryCount);
  }
  // Two reports' worth between sweeps, each sweep leaving the last two (the table was ~64 reports' worth, 100 MB at
  // 10,000 paths).
  assert.ok(largest <= 4 * 3000 + 2048, `bounded: ${largest}`);
  // Typing toggles between two states: both stay, so neither is encoded again.
  const a = wire.encode(report(0));
  const b = wire.encode(report(1));
  for (let i = 0; i < 10; i++) {
    assert.ok(wire.encode(report(0)).sameAs(a));
    assert.ok(wire.encode(report(1)).sameAs(b));
  }
});

test("a file's entries stay while other files are encoded many times", () => {
  const wire = new DiagnosticWire(pathToUri);
  const big = (down: number) => Array.from({ length: 3000 }, (_, k) => finding({ message: `finding ${k % 7}`, range: range(k + down, 4, 9) }));
  const first = wire.encode(big(0));
  wire.encode(big(1));
  for (let i = 0; i < 50; i++) wire.encode([finding({ file: '/w/wrangler.toml', message: `edit ${i}` })]);
  assert.ok(wire.encode(big(0)).sameAs(first));
});

test('the stdio encoder splices encoded diagnostics into pull results, workspace reports and push notifications', async () => {
  const wire = new DiagnosticWire(pathToUri);
  const a = wire.encode(variety());
  const b = wire.encode([finding()]);
  const messages: Message[] = [
    { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: 'r1', items: a } } as Message,
    { jsonrpc: '2.0', id: 8, result: { items: [{ kind: 'full', uri: 'file:///w/a', version: null, resultId: 'r2', items: a }, { kind: 'unchanged', uri: 'file:///w/b', resultId: 'r3' }, { kind: 'full', uri: 'file:///w/c', version: 3, resultId: 'r4', items: b }] } } as Message,
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/a', version: 2, diagnostics: a } } as Message,
  ];
  // One encoder, as the connection has: it reuses its buffer, and a shorter message after a longer one must not
  // carry the longer one's tail.
  const encoder = new MessageEncoder();
  for (const msg of [...messages, messages[0]!]) {
    const bytes = Buffer.from(await encoder.encode(msg)).toString('utf8');
    assert.equal(bytes, JSON.stringify(msg), 'byte for byte what JSON.stringify (with toJSON) gives');
  }
});

test('the stdio encoder leaves other messages alone, and values that merely read like a placeholder', async () => {
  const encodeMessage = new MessageEncoder().encode;
  const plain = { jsonrpc: '2.0', id: 1, result: { items: [{ label: 'x' }], note: '\u0000sag-encoded-diagnostics:0' } } as Message;
  assert.equal(Buffer.from(await encodeMessage(plain)).toString('utf8'), JSON.stringify(plain));
  const wire = new DiagnosticWire(pathToUri);
  const tricky = { jsonrpc: '2.0', id: 2, result: { kind: 'full', resultId: '\u0000sag-encoded-diagnostics:0', items: wire.encode(variety()) } } as Message;
  assert.equal(Buffer.from(await encodeMessage(tricky)).toString('utf8'), JSON.stringify(tricky));
  const after = { jsonrpc: '2.0', id: 3, result: { kind: 'full', items: wire.encode(variety()), resultId: '\u0000sag-encoded-diagnostics:1' } } as Message;
  assert.equal(Buffer.from(await encodeMessage(after)).toString('utf8'), JSON.stringify(after));
});

test('findings sharing one message keep their own ranges, and equal ones share an entry', () => {
  // 20,000 duplicates of one route all say the same thing at different places.
  const wire = new DiagnosticWire(pathToUri);
  const message = 'duplicate route `GET /x`: `GET /x` (line 3) has the same method and path and is declared first';
  const many = Array.from({ length: 20_000 }, (_, i) => finding({ code: 'SAG501', severity: 'warning', message, range: range(4 + i, 4, 10) }));
  const encoded = wire.encode(many);
  assert.equal(wire.entryCount, many.length);
  const lines = (JSON.parse(concat(encoded)) as { range: { start: { line: number } } }[]).map((d) => d.range.start.line);
  assert.deepEqual(lines, many.map((f) => f.range.start.line));
  const again = wire.encode(many.map((f) => ({ ...f })));
  assert.ok(again.sameAs(encoded), 'equal findings (new objects) map to the same entries');
  assert.equal(wire.entryCount, many.length);
});
