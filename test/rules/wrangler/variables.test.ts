// SAG306, SAG307, SAG308: what api-config.json reads from `env`, per wrangler environment, against [vars],
// bindings and .dev.vars files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFixture, findingsOf } from '../../support/engine';
import { positionOf } from './position-of';
import { devVarNames, devVarsFileNames } from '../../../server/src/analysis/rules/wrangler/environment-index';
import type { GatewayProject } from '../../../server/src/analysis/model';

const CONFIG = `{
  "variables": { "issuer": "$env.ISSUER", "key": "$secret.API_KEY", "mid": "x$env.NOPE" },
  "paths": [{ "method": "POST", "path": "/login", "integration": { "type": "supabase_passwordless_auth" } }]
}
`;
const HEAD = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\n';

function gw(wrangler: string, extra: Record<string, string> = {}): Record<string, string> {
  return { '/gw/api-config.json': CONFIG, '/gw/wrangler.toml': wrangler, '/gw/src/index.js': 'export default {};\n', ...extra };
}

test('SAG306: $env.X in no [vars] of that environment; [vars] are not inherited; fix adds X = ""', () => {
  const wrangler = `${HEAD}\n[vars]\nISSUER = "https://auth.example.com/"\n\n[env.staging]\nname = "gateway-staging"\n`;
  const findings = findingsOf(checkFixture(gw(wrangler)), 'SAG306');
  assert.deepEqual(findings.map((f) => [f.env, f.range.start, f.pointer]), [['staging', positionOf(CONFIG, '"$env.ISSUER"'), '/variables/issuer']]);
  assert.match(findings[0]!.message, /^`\$env\.ISSUER` has no value: ISSUER is in neither \[env\.staging\.vars\] of wrangler\.toml nor \.dev\.vars/);
  assert.equal(findings[0]!.fixes[0]!.edits[0]!.newText, '\n\n[env.staging.vars]\nISSUER = ""');
});

test('SAG306 near miss: defined by .dev.vars, or a placeholder not at the start of a string', () => {
  const wrangler = `${HEAD}\n[env.staging]\n`;
  const findings = findingsOf(checkFixture(gw(wrangler, { '/gw/.dev.vars': 'ISSUER=http://localhost\n' })), 'SAG306');
  assert.deepEqual(findings, []);
});

test('SAG307: $secret.X not in .dev.vars (information, with the command); .dev.vars.<env> counts for its env', () => {
  const wrangler = `${HEAD}\n[env.staging]\n`;
  const findings = findingsOf(checkFixture(gw(wrangler, { '/gw/.dev.vars.staging': 'API_KEY=dev\n' })), 'SAG307');
  assert.deepEqual(findings.map((f) => [f.env, f.severity, f.range.start]), [['', 'information', positionOf(CONFIG, '"$secret.API_KEY"')]]);
  assert.equal(findings[0]!.fixes[0]!.command, 'wrangler secret put API_KEY');
  assert.deepEqual(findingsOf(checkFixture(gw(wrangler, { '/gw/.dev.vars': 'API_KEY=dev\n' })), 'SAG307'), []);
});

test('SAG307 in two environments: each fix names its environment (a menu with two same titles cannot be told apart)', () => {
  const findings = findingsOf(checkFixture(gw(`${HEAD}\n[env.staging]\n`)), 'SAG307');
  assert.deepEqual(findings.map((f) => [f.env, f.fixes[0]!.title, f.fixes[0]!.command]), [
    ['', 'Set the secret API_KEY (run by hand)', 'wrangler secret put API_KEY'],
    ['staging', 'Set the secret API_KEY for env `staging` (run by hand)', 'wrangler secret put API_KEY --env staging'],
  ]);
});

test('SAG308: supabase routes without SUPABASE_URL / SUPABASE_SERVICE_ROLE_KEY', () => {
  const findings = findingsOf(checkFixture(gw(`${HEAD}\n[vars]\nISSUER = "x"\n`, { '/gw/.dev.vars': 'API_KEY=1\n' })), 'SAG308');
  assert.deepEqual(findings.map((f) => f.message.match(/need (\w+)/)![1]), ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY']);
  for (const f of findings) assert.deepEqual(f.range.start, positionOf(CONFIG, '"supabase_passwordless_auth"'));
  assert.equal(findings[0]!.fixes[0]!.edits[0]!.newText, '\nSUPABASE_URL = ""');
  assert.equal(findings[1]!.fixes[0]!.command, 'wrangler secret put SUPABASE_SERVICE_ROLE_KEY');
  const ok = findingsOf(checkFixture(gw(`${HEAD}\n[vars]\nISSUER = "x"\nSUPABASE_URL = "https://x.supabase.co"\n`, { '/gw/.dev.vars': 'API_KEY=1\nSUPABASE_SERVICE_ROLE_KEY=k\n' })), 'SAG308');
  assert.deepEqual(ok, []);
});

test('the .dev.vars files of an environment: the shared ones and its own, in project order; each environment its own', () => {
  const devVars = (file: string, env: string | undefined, names: string[]) => ({ file, env, vars: new Map(names.map((n) => [n, { value: 'x' }])) });
  const project = {
    devVars: [devVars('/gw/.dev.vars', undefined, ['A']), devVars('/gw/.dev.vars.staging', 'staging', ['B']), devVars('/gw/.env', undefined, ['C']), devVars('/gw/.dev.vars.prod', 'prod', ['D'])],
  } as unknown as GatewayProject;
  assert.deepEqual(devVarsFileNames(project, 'staging'), ['.dev.vars', '.dev.vars.staging', '.env']);
  assert.deepEqual(devVarsFileNames(project, 'prod'), ['.dev.vars', '.env', '.dev.vars.prod']);
  assert.deepEqual(devVarsFileNames(project, ''), ['.dev.vars', '.env']);
  assert.deepEqual([...devVarNames(project, 'staging')], ['A', 'B', 'C']);
  assert.deepEqual([...devVarNames(project, 'prod')], ['A', 'C', 'D']);
});
