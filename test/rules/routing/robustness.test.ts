// Bad and huge input for the routing and security families: wrong types everywhere, truncated JSON, absurd paths,
// many routes. They must never throw (a throw would surface as SAG000) and every range must sit inside the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { checkFixture } from '../../support/engine';
import { CONFIG, json, RUNTIMES } from './fixture-helpers';

const OURS = /^SAG(5|6)\d\d$/;

function assertSane(text: string): void {
  for (const runtime of RUNTIMES) {
    const findings = checkFixture({ [CONFIG]: text }, { runtime });
    assert.deepEqual(findings.filter((f) => f.code === 'SAG000'), [], `internal error for ${JSON.stringify(text.slice(0, 80))}`);
    const lines = new LineIndex(text);
    for (const f of findings.filter((x) => OURS.test(x.code))) {
      const end = lines.offsetAt(f.range.end);
      assert.ok(lines.offsetAt(f.range.start) <= end && end <= text.length, `${f.code} range outside the file`);
    }
  }
}

test('wrong types in every field the routing and security rules read', () => {
  const bad = [
    '',
    '[]',
    'null',
    '{"paths": 5}',
    '{"paths": [1, "x", null, [], {"method": 5, "path": {}}]}',
    '{"paths": [{"method": "GET"}, {"path": "/x"}, {"method": "GET", "path": 7, "auth": true}]}',
    '{"paths": [{"method": "GET", "path": "/a", "integration": "http", "mapping": [], "variables": 3, "pre_process": "hook"}]}',
    '{"cors": [], "authorizer": "jwt", "servers": {}, "serviceBindings": "x", "variables": [1, 2], "paths": []}',
    '{"cors": {"allow_origins": [1, null, "*"], "allow_credentials": "true", "allow_headers": "*"}, "paths": [{"method": "ANY", "path": "/{.+}", "integration": {"type": 1}}]}',
    '{"authorizer": {"type": "jwt", "secret": 5, "issuer": null, "audience": []}, "paths": [{"method": "GET", "path": "/", "auth": "false"}]}',
    '{"authorizer": {"type": "auth0", "jwks": {}, "jwks_uri": 3}, "paths": [{"method": "GET", "path": "/cb", "integration": {"type": "auth0_callback"}}]}',
    '{"paths": [{"method": "GET", "path": "/a/{.+}/{.+}"}, {"method": "GET", "path": "{.+}"}, {"method": "GET", "path": "/{{}}"}, {"method": "GET", "path": "//"}]}',
    '{"paths": [{"method": "GET", "path": "/users/{id}"}, {"method": "ANY", "path": "/users/{.+}"',
    '{"paths": [{"method": "GET", "path": "/\\u0000/{x}"}, {"method": "GET", "path": "/\\ud800"}]}',
  ];
  for (const text of bad) assertSane(text);
});

test('a path of 20,000 segments and a route list of one generic pattern against thousands of parameter routes', () => {
  assertSane(json({ paths: [{ method: 'GET', path: '/x'.repeat(20_000) }, { method: 'GET', path: '/{a}'.repeat(20_000) }, { method: 'ANY', path: '/x'.repeat(19_999) + '/{.+}' }] }));
  const many = [{ method: 'GET', path: '/{a}/{b}' }];
  for (let i = 0; i < 3000; i++) many.push({ method: 'GET', path: `/r${i}/{id}` });
  const text = json({ paths: many });
  const findings = checkFixture({ [CONFIG]: text }, { runtime: 'upstream' }).filter((f) => f.code === 'SAG504');
  // Every later route ties with the generic one; each gets exactly one finding.
  assert.equal(findings.length, 3000);
});
