// textDocument/codeAction: the engine's fixes as quick fixes (version-checked edits, CreateFile for a new module,
// isPreferred for the one safe fix), the add-binding flow for clients that ask for the Worker name, and the
// "Fix all SAG problems in file" source action. Edits are applied to in-memory documents, then re-diagnosed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspSession, codes } from './support/lsp-session';
import { brokenGateway } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import { withPlaceholderValue } from '../../server/src/lsp/placeholder-edit';
import type { AddServiceBindingArguments } from '../../server/src/lsp/protocol';
import { pathToUri } from '../../server/src/lsp/uri';

async function actionsFor(session: LspSession, path: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return session.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: pathToUri(path) },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
  });
}

describe('code actions', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  const config = (): string => ws.path('gw/api-config.json');
  const wrangler = (): string => ws.path('gw/wrangler.toml');

  before(async () => {
    ws = tempWorkspace(brokenGateway());
    session = await LspSession.start({ roots: [ws.root] });
    await session.waitForNotification('sag/status');
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('adds the binding at the top level, copies it into [env.staging], and the file is re-diagnosed clean', async () => {
    let published: PublishDiagnosticsParams = await session.waitForDiagnostics(config());
    const steps = [
      { code: 'SAG301', env: 'top level', title: 'Add binding `HOOKS` to wrangler.toml (service `hooks`, a guess: check the Worker name)', preferred: undefined },
      // Declared at the top level now, [env.staging] still lacks it: services are not inherited.
      { code: 'SAG302', env: 'staging', title: 'Copy binding `HOOKS` into [[env.staging.services]]', preferred: true },
    ];
    for (const step of steps) {
      const diagnostic = published.diagnostics.find((d) => d.code === step.code && String(d.message).includes(`(env: ${step.env})`));
      assert.ok(diagnostic, `${step.code} for ${step.env}: ${published.diagnostics.map((d) => d.code).join(', ')}`);
      const actions = await actionsFor(session, config(), diagnostic);
      const fix = actions.find((a) => a.title === step.title);
      assert.ok(fix?.edit, `"${step.title}" among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.kind, 'quickfix');
      assert.equal(fix.isPreferred, step.preferred, 'only a safe fix (no guessed name) is preferred');
      assert.deepEqual(fix.diagnostics?.map((d) => d.code), [step.code]);
      // The publish that reflects the edit: the server may publish the file again meanwhile for other reasons (the
      // workspace scan at start), with the same diagnostics as before.
      const fixed = (p: PublishDiagnosticsParams): boolean => !p.diagnostics.some((d) => d.code === step.code && String(d.message).includes(`(env: ${step.env})`));
      const next = session.nextPublishWhere(config(), fixed, `${step.code} for ${step.env} fixed`);
      session.applyWorkspaceEdit(fix.edit);
      published = await next;
    }
    const left = codes(published.diagnostics);
    assert.ok(!left.includes('SAG301') && !left.includes('SAG302'), left.join(', '));
    const text = session.documents.get(wrangler())!.text;
    assert.match(text, /\[\[services\]\]\nbinding = "HOOKS"\nservice = "hooks"/);
    assert.match(text, /\[\[env\.staging\.services\]\]\nbinding = "HOOKS"\nservice = "hooks"/);
    assert.match(text, /environment = "production"/, 'the rest of the file is kept');
  });

  it('creates the missing service module with a CreateFile edit', async () => {
    const published = await session.waitForDiagnostics(config());
    const missing = published.diagnostics.find((d) => d.code === 'SAG401');
    assert.ok(missing);
    const [create] = await actionsFor(session, config(), missing);
    assert.ok(create?.edit?.documentChanges);
    const [first] = create.edit.documentChanges;
    assert.deepEqual(first, { kind: 'create', uri: pathToUri(ws.path('gw/services/hello.js')), options: { overwrite: false, ignoreIfExists: true } });
    // Not the next publish of the config but the one after the module exists (a publish may be under way).
    const next = session.nextPublishWhere(config(), (p) => !codes(p.diagnostics).includes('SAG401'), 'SAG401 gone');
    session.applyWorkspaceEdit(create.edit);
    await next;
    assert.match(session.documents.get(ws.path('gw/services/hello.js'))!.text, /export default/);
  });

  it('marks the single safe fix preferred, with the edit checked against the open version', async () => {
    const published = await session.waitForDiagnostics(wrangler(), (p) => p.version === session.documents.get(wrangler())!.version);
    const flags = published.diagnostics.find((d) => d.code === 'SAG309');
    assert.ok(flags);
    const [fix] = await actionsFor(session, wrangler(), flags);
    assert.equal(fix?.isPreferred, true);
    const change = fix!.edit!.documentChanges![0] as { textDocument: { version: number | null } };
    assert.equal(change.textDocument.version, session.documents.get(wrangler())!.version);
  });

  it('fixes every safe problem of a file with source.fixAll.sag', async () => {
    const published = await session.waitForDiagnostics(wrangler());
    const [fixAll] = await actionsFor(session, wrangler(), published.diagnostics[0]!, ['source.fixAll']);
    assert.equal(fixAll?.title, 'Fix all SAG problems in file');
    assert.equal(fixAll.kind, 'source.fixAll.sag');
    // The publish of the edited version: opening the file to edit it publishes the old text first.
    session.applyWorkspaceEdit(fixAll.edit!);
    const after = await session.waitForVersion(wrangler(), session.documents.get(wrangler())!.version);
    assert.ok(!codes(after.diagnostics).includes('SAG309'), codes(after.diagnostics).join(', '));
    assert.match(session.documents.get(wrangler())!.text, /compatibility_flags = \["nodejs_compat"\]/);
    const none = await actionsFor(session, wrangler(), after.diagnostics[0]!, ['source.fixAll']);
    assert.deepEqual(none, [], 'nothing safe is left to fix');
  });
});

describe('Fix all for a client that resolves code action edits (as VS Code does)', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  const wrangler = (): string => ws.path('gw/wrangler.toml');

  before(async () => {
    ws = tempWorkspace(brokenGateway());
    session = await LspSession.start({ roots: [ws.root], resolveCodeActions: true });
    await session.waitForNotification('sag/status');
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('lists the action without its edit (it is asked at every cursor move) and plans it on codeAction/resolve', async () => {
    assert.equal((session.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
    const published = await session.waitForDiagnostics(wrangler());
    const [listed] = await actionsFor(session, wrangler(), published.diagnostics[0]!, ['source.fixAll']);
    assert.equal(listed?.title, 'Fix all SAG problems in file');
    assert.equal(listed.edit, undefined, 'not planned while listed');
    const resolved = await session.request<CodeAction>('codeAction/resolve', listed);
    assert.ok(resolved.edit, 'planned when resolved');
    assert.ok((resolved.diagnostics ?? []).some((d) => d.code === 'SAG309'));
    session.applyWorkspaceEdit(resolved.edit);
    const after = await session.waitForVersion(wrangler(), session.documents.get(wrangler())!.version);
    assert.ok(!codes(after.diagnostics).includes('SAG309'), codes(after.diagnostics).join(', '));
    assert.deepEqual(await actionsFor(session, wrangler(), after.diagnostics[0]!, ['source.fixAll']), [], 'nothing safe is left to fix');
  });

  it('a resolve that cannot be planned answers the action as it came', async () => {
    const stray = { title: 'Fix all SAG problems in file', kind: 'source.fixAll.sag', data: { fixAllOf: 'file:///nowhere/wrangler.toml' } };
    assert.deepEqual(await session.request<CodeAction>('codeAction/resolve', stray), stray);
    assert.deepEqual(await session.request<CodeAction>('codeAction/resolve', { title: 'x', data: 5 }), { title: 'x', data: 5 });
  });
});

describe('add-binding for clients that ask for the Worker name', () => {
  it('turns the guessed name into a sag.addServiceBinding command with the workspace Workers', async () => {
    const ws = tempWorkspace({
      ...brokenGateway(),
      'workers/hooks/wrangler.toml': 'name = "sag-hooks"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\n',
      'workers/hooks/src/index.js': 'import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { before() { return undefined; } }\n',
    });
    const session = await LspSession.start({ roots: [ws.root], initializationOptions: { askForWorkerName: true } });
    try {
      const published = await session.waitForDiagnostics(ws.path('gw/api-config.json'));
      const diagnostic = published.diagnostics.find((d) => d.code === 'SAG301')!;
      const actions = await actionsFor(session, ws.path('gw/api-config.json'), diagnostic);
      const add = actions.find((a) => a.title.startsWith('Add binding'))!;
      assert.equal(add.edit, undefined);
      assert.equal(add.command?.command, 'sag.addServiceBinding');
      const [args] = add.command!.arguments as [AddServiceBindingArguments];
      assert.equal(args.placeholder, 'hooks');
      assert.deepEqual(args.workers, ['sag-hooks']);
      const change = args.edit.documentChanges![args.at.change] as TextDocumentEdit;
      assert.equal(change.textDocument.uri, pathToUri(ws.path('gw/wrangler.toml')));
      const newText = (change.edits[args.at.edit] as TextEdit).newText;
      assert.match(newText, /service = "hooks"/);
      // Exact: the offset is the `service` value's first character, the text after it the guess and its quote.
      assert.equal(args.at.offset, newText.indexOf('service = "hooks"') + 'service = "'.length);
      assert.equal(newText.slice(args.at.offset, args.at.offset + args.placeholder.length + 1), 'hooks"');

      // What the VS Code client does with the picked name; then the top-level SAG301 is gone.
      const named = withPlaceholderValue(args, 'sag-hooks');
      assert.ok(named);
      session.applyWorkspaceEdit(named);
      assert.match(session.documents.get(ws.path('gw/wrangler.toml'))!.text, /\[\[services\]\]\nbinding = "HOOKS"\nservice = "sag-hooks"\n/);
      const topLevel301 = (d: Diagnostic): boolean => d.code === 'SAG301' && String(d.message).includes('(env: top level)');
      const after = await session.waitForDiagnostics(ws.path('gw/api-config.json'), (p) => !p.diagnostics.some(topLevel301), 'no top-level SAG301');

      // A fix that guesses nothing keeps its edit, even for this client.
      const missing = after.diagnostics.find((d) => d.code === 'SAG401')!;
      const [create] = await actionsFor(session, ws.path('gw/api-config.json'), missing);
      assert.ok(create?.edit);
      assert.equal(create.command, undefined);
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});
