// Quick fixes of the 1xx and 2xx families: each applied with applyTextEdits, the result must still be JSON,
// the finding must be gone on re-check, and `safe` must match the rule (no guessed name, no new file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuntimeTarget } from '../../../server/src/analysis/findings';
import { applyTextEdits } from '../../../server/src/analysis/fixes/json-edits';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { check, CONFIG } from './code-cases';

interface FixCase {
  code: string;
  config: string;
  title: RegExp;
  safe: boolean;
  runtime?: RuntimeTarget;
  /** Exact text after the fix, when the layout matters. */
  expected?: string;
}

const SERVERS = '"servers": [{ "alias": "api", "url": "https://api.example.com" }],';
const SB = '"serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],';
const JWT = '"authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS256", "issuer": "i", "audience": "a" },';
const AUTH0 = '"authorizer": { "type": "auth0", "domain": "t.auth0.com", "client_id": "c", "client_secret": "$secret.C", "redirect_uri": "https://app.example.com/auth/callback", "jwks_uri": "https://t.auth0.com/.well-known/jwks.json", "scope": "openid" },';
const cfg = (sections: string, ...routes: string[]) => `{\n  ${sections}\n  "paths": [\n    ${routes.join(',\n    ')}\n  ]\n}\n`;

const CASES: FixCase[] = [
  { code: 'SAG101', config: '{\n  "title": "gw"\n}\n', title: /Add `"paths": \[\]`/, safe: true, expected: '{\n  "title": "gw",\n  "paths": []\n}\n' },
  { code: 'SAG102', config: '{\n  "Paths": [],\n  "title": "x"\n}\n', title: /Rename `Paths` to `paths`/, safe: true },
  { code: 'SAG103', config: cfg('"servicesBindings": [{ "alias": "hooks", "binding": "HOOKS" }],', '{ "method": "GET", "path": "/x", "pre_process": { "binding": "hooks", "function": "f" }, "response": 1 }'), title: /Rename `servicesBindings`/, safe: true },
  {
    code: 'SAG103',
    config: cfg(SB + '\n  "servicesBindings": [{ "alias": "hooks", "binding": "OLD" }, { "alias": "audit", "binding": "AUDIT" }],', '{ "method": "GET", "path": "/x", "pre_process": { "binding": "audit", "function": "f" }, "integration": { "type": "service_binding", "binding": "hooks", "function": "g" } }'),
    title: /Move the `servicesBindings` entries/,
    safe: true,
  },
  { code: 'SAG104', config: cfg('', '{ "method": "post", "path": "/x", "response": 1 }'), title: /Change the method to `POST`/, safe: true },
  { code: 'SAG105', config: cfg('', '{ "method": "GET", "path": "x/{id}", "response": 1 }'), title: /Prefix the path/, safe: true },
  { code: 'SAG106', config: cfg(SERVERS, '{ "method": "GET", "path": "/x", "integration": { "type": "HTTP_PROXY", "server": "api" } }'), title: /Change the type to `http_proxy`/, safe: true },
  {
    code: 'SAG107',
    config: `{\n  ${SERVERS}\n  "paths": [\n    {\n      "method": "GET",\n      "path": "/x",\n      "integration": {\n        "type": "http_proxy"\n      }\n    }\n  ]\n}\n`,
    title: /Add `"server": "api"`/,
    safe: false,
    expected: `{\n  ${SERVERS}\n  "paths": [\n    {\n      "method": "GET",\n      "path": "/x",\n      "integration": {\n        "type": "http_proxy",\n        "server": "api"\n      }\n    }\n  ]\n}\n`,
  },
  { code: 'SAG108', config: cfg(SB, '{ "method": "GET", "path": "/x", "preProcess": { "binding": "hooks", "function": "f" }, "integration": { "type": "service_binding", "binding": "hooks", "function": "g" } }'), title: /Rename `preProcess` to `pre_process`/, safe: true },
  { code: 'SAG109', config: cfg(SB, '{ "method": "GET", "path": "/x", "pre_process": { "function": "f" }, "integration": { "type": "service_binding", "binding": "hooks", "function": "g" } }'), title: /Add `"binding": "hooks"`/, safe: false },
  { code: 'SAG110', runtime: 'bundled', config: cfg(SB, '{ "method": "GET", "path": "/x", "post_process": { "binding": "hooks", "function": "f" }, "integration": { "type": "service_binding", "binding": "hooks", "function": "g" } }'), title: /Move `post_process` under `integration`/, safe: false },
  { code: 'SAG111', runtime: 'upstream', config: '{\n  "cors": {\n    "allow_origins": ["https://app.example.com"]\n  },\n  "paths": []\n}\n', title: /Add `allow_methods`/, safe: false },
  { code: 'SAG112', config: '{\n  "authorizer": { "type": "Jwt", "secret": "$secret.S", "algorithm": "HS256", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n', title: /Change the type to `jwt`/, safe: true },
  { code: 'SAG112', config: '{\n  "authorizer": { "type": "supabase", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n', title: /Add `jwt_secret` placeholders/, safe: false },
  { code: 'SAG113', runtime: 'upstream', config: '{\n  "authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS384", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n', title: /Set the algorithm to `HS256`/, safe: true },
  // RS256 tokens never verify upstream, HS256 written or not: a fix applied unattended would only hide that.
  { code: 'SAG113', runtime: 'upstream', config: '{\n  "authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "RS256", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n', title: /Set the algorithm to `HS256`/, safe: false },
  { code: 'SAG116', config: cfg(SERVERS, '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "response": { "ok": true } }'), title: /Remove the unused `response`/, safe: true },
  { code: 'SAG119', config: cfg('"servers": [{ "alias": "api", "url": "https://api.example.com/v1?key=1#top" }],', '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" } }'), title: /Remove `\?key=1#top`/, safe: true },
  { code: 'SAG120', runtime: 'upstream', config: cfg('', '{ "method": "GET", "path": "/x", "auth": 1, "response": 1 }'), title: /Replace with `true`/, safe: true },
  { code: 'SAG201', config: cfg(SERVERS, '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "billing" } }'), title: /Add `billing` to `servers`/, safe: false },
  { code: 'SAG202', config: cfg('', '{ "method": "GET", "path": "/x", "integration": { "type": "service", "binding": "endpoint1" } }'), title: /Add `endpoint1` to `services`/, safe: false },
  { code: 'SAG203', config: cfg(SB, '{ "method": "GET", "path": "/x", "integration": { "type": "service_binding", "binding": "hookz", "function": "g" }, "pre_process": { "binding": "hooks", "function": "f" } }'), title: /Change to `hooks`/, safe: false },
  { code: 'SAG204', config: cfg(SERVERS, '{ "method": "GET", "path": "/x", "pre_process": { "binding": "auth-hook", "function": "f" }, "integration": { "type": "http_proxy", "server": "api" } }'), title: /Add `auth-hook` to `serviceBindings`/, safe: false },
  { code: 'SAG209', config: cfg(SERVERS, '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "query": { "v": "$config.version" } } }'), title: /Add `version` to the global `variables`/, safe: false },
  { code: 'SAG210', config: cfg(SERVERS + JWT, '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-user": "$request.jwt.sub" } } }'), title: /Set `"auth": true`/, safe: false },
  { code: 'SAG211', config: cfg('', '{ "method": "GET", "path": "/auth/callback", "integration": { "type": "auth0_userinfo" } }'), title: /Insert an `auth0` authorizer skeleton/, safe: false },
  { code: 'SAG212', config: cfg(AUTH0, '{ "method": "GET", "path": "/cb", "integration": { "type": "auth0_callback" } }'), title: /Change the path to `\/auth\/callback`/, safe: false },
];

for (const c of CASES) {
  test(`${c.code} fix ${c.title.source} applies and re-checks clean`, () => {
    const runtime = c.runtime ?? 'upstream';
    const finding = check(c.config, runtime).find((f) => f.code === c.code && f.fixes.some((x) => c.title.test(x.title)));
    assert.ok(finding, `${c.code} with a fix matching ${c.title} not found`);
    const fix = finding.fixes.find((x) => c.title.test(x.title))!;
    assert.equal(fix.safe, c.safe, 'safe flag');
    const edits = fix.edits.map((e) => {
      assert.ok(!('create' in e), 'no file creation in config fixes');
      assert.equal(e.file, CONFIG);
      return e as { range: typeof finding.range; newText: string };
    });
    const after = applyTextEdits(c.config, new LineIndex(c.config), edits);
    assert.doesNotThrow(() => JSON.parse(after), `not JSON after the fix:\n${after}`);
    if (c.expected !== undefined) assert.equal(after, c.expected);
    const again = check(after, runtime).filter((f) => f.code === c.code && f.pointer === finding.pointer);
    assert.deepEqual(again.map((f) => f.message), [], `still reported after the fix:\n${after}`);
  });
}
