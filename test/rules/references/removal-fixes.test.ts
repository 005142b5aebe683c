// The "remove" quick fixes of SPEC D: SAG206 (the later duplicate entry), SAG207 (an unused entry) and SAG210 (a
// `$request.jwt.*` mapping where no token is verified). Each is applied and the config checked again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../server/src/analysis/findings';
import { removeSiblingEdit } from '../../../server/src/analysis/fixes/json-node-edits';
import { applyTextEdits } from '../../../server/src/analysis/fixes/json-edits';
import { parseConfigDocument } from '../../../server/src/analysis/parse/config-document';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { CONFIG, check } from '../schema/code-cases';
import { applyFix } from '../routing/fixture-helpers';

const ROUTE = '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" } }';

function only(findings: Finding[], code: string): Finding {
  const found = findings.filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code}: ${found.map((f) => f.message).join(' | ')}`);
  return found[0]!;
}

function fixByTitle(finding: Finding, title: RegExp): number {
  const index = finding.fixes.findIndex((f) => title.test(f.title));
  assert.ok(index >= 0, `${finding.code} has a fix matching ${title}: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  assert.equal(finding.fixes[index]!.safe, false, 'removing what the user wrote is never unattended');
  return index;
}

test('SAG206: remove the later duplicate; the first entry, which wins at run time, stays', () => {
  const config = `{
  "servers": [
    { "alias": "api", "url": "https://a.example.com" },
    { "alias": "api", "url": "https://b.example.com" },
    { "alias": "other", "url": "https://c.example.com" }
  ],
  "paths": [${ROUTE}, { "method": "GET", "path": "/y", "integration": { "type": "http_proxy", "server": "other" } }]
}
`;
  const finding = only(check(config, 'upstream'), 'SAG206');
  const fixed = applyFix(config, CONFIG, finding, fixByTitle(finding, /^Remove this duplicate `api` entry/));
  assert.equal(fixed, config.replace(',\n    { "alias": "api", "url": "https://b.example.com" }', ''));
  assert.deepEqual(check(fixed, 'upstream').filter((f) => /^SAG(1|2)\d\d$/.test(f.code)).map((f) => f.code), []);
});

test('SAG207: remove the unused entry (first, middle and last of its section), leaving valid JSON', () => {
  for (const [unused, sections] of [
    ['first', '"servers": [{ "alias": "first", "url": "https://f.example.com" }, { "alias": "api", "url": "https://a.example.com" }],'],
    ['middle', '"servers": [{ "alias": "api", "url": "https://a.example.com" }, { "alias": "middle", "url": "https://m.example.com" }, { "alias": "api2", "url": "https://b.example.com" }],'],
    ['last', '"services": [{ "alias": "last", "entrypoint": "./services/last" }],\n  "servers": [{ "alias": "api", "url": "https://a.example.com" }],'],
  ] as const) {
    const routes = unused === 'middle' ? `${ROUTE}, ${ROUTE.replace('"/x"', '"/z"').replace('"api"', '"api2"')}` : ROUTE;
    const config = `{\n  ${sections}\n  "paths": [${routes}]\n}\n`;
    const finding = only(check(config, 'upstream'), 'SAG207');
    const fixed = applyFix(config, CONFIG, finding, fixByTitle(finding, new RegExp(`^Remove the unused \`${unused}\` entry$`)));
    const parsed = JSON.parse(fixed) as Record<string, { alias: string }[]>;
    assert.ok(!JSON.stringify(parsed).includes(`"${unused}"`), unused);
    assert.deepEqual(check(fixed, 'upstream').filter((f) => f.code === 'SAG207' || f.code === 'SAG100'), [], unused);
  }
});

test('SAG210: remove the mapping, beside "Set auth: true"; without an authorizer only the removal is offered', () => {
  const JWT = '"authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS256", "issuer": "i", "audience": "a" },';
  const route = '{ "method": "GET", "path": "/me", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-user": "$request.jwt.sub", "x-app": "gw" } } }';
  const config = `{\n  "servers": [{ "alias": "api", "url": "https://a.example.com" }],\n  ${JWT}\n  "paths": [${route}]\n}\n`;
  const finding = only(check(config, 'upstream'), 'SAG210');
  assert.deepEqual(finding.fixes.map((f) => f.title), ['Set `"auth": true`', 'Remove the mapping of `x-user`']);
  const fixed = applyFix(config, CONFIG, finding, 1);
  assert.ok(fixed.includes('"mapping": { "headers": { "x-app": "gw" } }'), fixed);
  assert.deepEqual(check(fixed, 'upstream').filter((f) => f.code === 'SAG210'), []);

  const noAuthorizer = config.replace(`${JWT}\n  `, '');
  const bare = only(check(noAuthorizer, 'upstream'), 'SAG210');
  assert.deepEqual(bare.fixes.map((f) => f.title), ['Remove the mapping of `x-user`']);
});

test('removing an item takes its own lines and comments, keeps the comments of its neighbours, and leaves valid JSONC', () => {
  const text = '{\n  "servers": [\n    { "alias": "a" }, // the main backend\n    { "alias": "b" }, /* spare */\n    { "alias": "c" }\n  ]\n}\n';
  const remove = (source: string, path: number[], index: number): string => {
    const doc = parseConfigDocument(CONFIG, source);
    let node = doc.root!;
    for (const i of path) node = node.children![i]!;
    return applyTextEdits(source, new LineIndex(source), [removeSiblingEdit(doc, node.children![index]!)]);
  };
  const servers = [0, 1];
  assert.equal(remove(text, servers, 0), '{\n  "servers": [\n    { "alias": "b" }, /* spare */\n    { "alias": "c" }\n  ]\n}\n');
  assert.equal(remove(text, servers, 1), '{\n  "servers": [\n    { "alias": "a" }, // the main backend\n    { "alias": "c" }\n  ]\n}\n');
  assert.equal(remove(text, servers, 2), '{\n  "servers": [\n    { "alias": "a" }, // the main backend\n    { "alias": "b" } /* spare */\n  ]\n}\n');
  assert.equal(remove(text.replace(/\n/g, '\r\n'), servers, 1), '{\n  "servers": [\n    { "alias": "a" }, // the main backend\n    { "alias": "c" }\n  ]\n}\n'.replace(/\n/g, '\r\n'));
  const oneLine = '{ "a": [1, 2, 3] }';
  assert.deepEqual([0, 1, 2].map((i) => remove(oneLine, [0, 1], i)), ['{ "a": [2, 3] }', '{ "a": [1, 3] }', '{ "a": [1, 2] }']);
  // A property, on its own line and on a shared one.
  assert.equal(remove('{\n  "x": 1,\n  "y": 2\n}', [], 0), '{\n  "y": 2\n}');
  assert.equal(remove('{ "x": 1, "y": 2 }', [], 1), '{ "x": 1 }');
});

test('removing the last item keeps a line comment after the comma before it on its own line, not over the closing bracket', () => {
  const text = '{\n  "servers": [\n    { "alias": "a" }, // main\n    { "alias": "b" }],\n  "paths": []\n}\n';
  const doc = parseConfigDocument(CONFIG, text);
  const servers = doc.root!.children![0]!.children![1]!;
  const after = applyTextEdits(text, new LineIndex(text), [removeSiblingEdit(doc, servers.children![1]!)]);
  assert.equal(after, '{\n  "servers": [\n    { "alias": "a" } // main\n],\n  "paths": []\n}\n');
  assert.deepEqual(JSON.parse(after.replace(' // main', '')), { servers: [{ alias: 'a' }], paths: [] });
});

test('the comments after the comma before a removed last item: all of them stay; a line break only after a line comment, wherever the bracket is', () => {
  const remove = (text: string): string => {
    const doc = parseConfigDocument(CONFIG, text);
    const paths = doc.root!.children![0]!.children![1]!;
    return applyTextEdits(text, new LineIndex(text), [removeSiblingEdit(doc, paths.children![1]!)]);
  };
  const spaces = ' '.repeat(300);
  assert.equal(remove(`{"paths":[1, // c\n 2${spaces}]}`), `{"paths":[1 // c\n${spaces}]}`, 'the bracket 300 spaces on');
  assert.equal(remove('{"paths":[1, /* http://x */ 2]}'), '{"paths":[1 /* http://x */]}', 'a block comment holding // needs no line break');
  assert.equal(remove('{"paths":[1, /* a */ // b\n 2\n]}'), '{"paths":[1 /* a */ // b\n]}');
});

test('removing the last item keeps the comments written before the comma that ends the item before it', () => {
  const remove = (text: string): string => {
    const doc = parseConfigDocument(CONFIG, text);
    const paths = doc.root!.children![0]!.children![1]!;
    return applyTextEdits(text, new LineIndex(text), [removeSiblingEdit(doc, paths.children![1]!)]);
  };
  assert.equal(remove('{"paths":[1 /* one */, 2]}'), '{"paths":[1 /* one */]}');
  assert.equal(remove('{"paths":[1 /* one */ , /* two */ 2]}'), '{"paths":[1 /* one */  /* two */]}', 'only the comma goes');
  // A line comment before the comma, which then opens the next line: the bracket still gets a line of its own.
  assert.equal(remove('{"paths":[\n  1 // one\n  , 2]}'), '{"paths":[\n  1 // one\n]}');
  assert.equal(remove('{"paths":[\n  1 /* a\n  b */,\n  2\n]}'), '{"paths":[\n  1 /* a\n  b */\n]}');
  for (const text of ['{"paths":[1 /* one */, 2]}', '{"paths":[\n  1 // one\n  , 2]}']) {
    assert.deepEqual(JSON.parse(remove(text).replace(/\/\/.*|\/\*[^]*?\*\//g, '')), { paths: [1] }, text);
  }
});

test('removing the last item on a line of its own takes its trailing comment; sharing a line, the comment stays', () => {
  const remove = (text: string): string => {
    const doc = parseConfigDocument(CONFIG, text);
    const paths = doc.root!.children![0]!.children![1]!;
    return applyTextEdits(text, new LineIndex(text), [removeSiblingEdit(doc, paths.children!.at(-1)!)]);
  };
  assert.equal(remove('{"paths":[\n  1,\n  2 // about two\n]}'), '{"paths":[\n  1\n]}');
  assert.equal(remove('{"paths":[\n  1, // about one\n  2 /* about two */ // more\n]}'), '{"paths":[\n  1 // about one\n]}');
  assert.equal(remove('{"paths":[\n  1,\n  2 /* about two */]}'), '{"paths":[\n  1]}');
  assert.equal(remove('{"paths":[\n  1, 2 // the line\'s\n]}'), '{"paths":[\n  1 // the line\'s\n]}');
});
