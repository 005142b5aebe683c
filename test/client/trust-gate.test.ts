// The Restricted Mode gate of the VS Code client (client/src/trust-gate.ts), run in plain Node: untrusted, every
// gated hook answers empty without asking the server; trusted, it forwards the same arguments and returns the answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextDocument } from 'vscode';
import { GATED_MIDDLEWARE, refreshCodeLenses, trustGateMiddleware, type CodeLensFeatureLike, type GatedMiddleware } from '../../client/src/trust-gate';

type HookName = keyof GatedMiddleware;

/** Distinct objects per argument, so "called with the same arguments" is checked by identity. */
const arg = (label: string) => ({ label });

/** Each hook's arguments before `next`, and the empty answer the hook's return type expects. */
const HOOKS: Record<HookName, { args: unknown[]; empty: unknown[] | undefined }> = {
  provideCompletionItem: { args: [arg('document'), arg('position'), arg('context'), arg('token')], empty: [] },
  resolveCompletionItem: { args: [arg('item'), arg('token')], empty: undefined },
  provideHover: { args: [arg('document'), arg('position'), arg('token')], empty: undefined },
  provideDefinition: { args: [arg('document'), arg('position'), arg('token')], empty: undefined },
  provideReferences: { args: [arg('document'), arg('position'), { includeDeclaration: true }, arg('token')], empty: [] },
  prepareRename: { args: [arg('document'), arg('position'), arg('token')], empty: undefined },
  provideRenameEdits: { args: [arg('document'), arg('position'), 'HOOKS', arg('token')], empty: undefined },
  provideDocumentSymbols: { args: [arg('document'), arg('token')], empty: [] },
  provideCodeLenses: { args: [arg('document'), arg('token')], empty: [] },
  resolveCodeLens: { args: [arg('codeLens'), arg('token')], empty: undefined },
  provideDocumentLinks: { args: [arg('document'), arg('token')], empty: [] },
  resolveDocumentLink: { args: [arg('link'), arg('token')], empty: undefined },
  provideCodeActions: { args: [arg('document'), arg('range'), arg('context'), arg('token')], empty: [] },
  resolveCodeAction: { args: [arg('action'), arg('token')], empty: undefined },
  executeCommand: { args: ['sag.showCommandHint', [arg('commandArgument')]], empty: undefined },
};

function recordingNext(answer: unknown) {
  const calls: unknown[][] = [];
  const next = (...args: unknown[]) => {
    calls.push(args);
    return answer;
  };
  return { calls, next };
}

function call(middleware: GatedMiddleware, name: HookName, args: unknown[], next: (...args: unknown[]) => unknown): unknown {
  return (middleware[name] as (...all: unknown[]) => unknown)(...args, next);
}

test('the gate covers exactly the listed hooks, and leaves every diagnostics hook to the client', () => {
  const middleware = trustGateMiddleware(() => false);
  assert.deepEqual(Object.keys(middleware).sort(), [...GATED_MIDDLEWARE].sort());
  assert.deepEqual(Object.keys(HOOKS).sort(), [...GATED_MIDDLEWARE].sort());
  for (const diagnosticsHook of ['handleDiagnostics', 'provideDiagnostics', 'provideWorkspaceDiagnostics', 'didOpen', 'didChange', 'didClose']) {
    assert.equal(diagnosticsHook in middleware, false, `${diagnosticsHook} must not be gated`);
  }
});

for (const name of GATED_MIDDLEWARE) {
  const { args, empty } = HOOKS[name];

  test(`${name}: untrusted answers ${JSON.stringify(empty)} and never asks the server`, async () => {
    const middleware = trustGateMiddleware(() => false);
    const { calls, next } = recordingNext(['server answer']);
    const answer = await call(middleware, name, args, next);
    assert.equal(calls.length, 0);
    assert.deepEqual(answer, empty);
  });

  test(`${name}: trusted forwards the same arguments and returns the server's answer`, async () => {
    const middleware = trustGateMiddleware(() => true);
    const serverAnswer = { from: 'server', hook: name };
    const { calls, next } = recordingNext(serverAnswer);
    const answer = await call(middleware, name, args, next);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.length, args.length);
    calls[0]!.forEach((forwarded, i) => assert.equal(forwarded, args[i], `argument ${i} of ${name}`));
    assert.equal(answer, serverAnswer);
  });
}

test('trust is read on every call: granting it turns the features on, and revoking turns them off, without a new middleware', () => {
  let trusted = false;
  let reads = 0;
  const middleware = trustGateMiddleware(() => {
    reads += 1;
    return trusted;
  });
  const { calls, next } = recordingNext([{ label: 'HOOKS' }]);
  const completionArgs = HOOKS.provideCompletionItem.args;

  assert.deepEqual(call(middleware, 'provideCompletionItem', completionArgs, next), []);
  assert.equal(calls.length, 0);

  trusted = true;
  assert.deepEqual(call(middleware, 'provideCompletionItem', completionArgs, next), [{ label: 'HOOKS' }]);
  assert.deepEqual(call(middleware, 'provideCodeActions', HOOKS.provideCodeActions.args, next), [{ label: 'HOOKS' }]);
  assert.equal(calls.length, 2);

  trusted = false;
  assert.equal(call(middleware, 'executeCommand', HOOKS.executeCommand.args, next), undefined);
  assert.equal(calls.length, 2);
  assert.equal(reads, 4);
});

test('a rejected server answer reaches the caller unchanged when trusted', async () => {
  const middleware = trustGateMiddleware(() => true);
  const failure = new Error('request failed');
  const answer = call(middleware, 'provideHover', HOOKS.provideHover.args, () => Promise.reject(failure));
  await assert.rejects(answer as Promise<unknown>, failure);
});

function fakeDocument(path: string): TextDocument {
  return { uri: { path } } as unknown as TextDocument;
}

test('refreshCodeLenses fires each matching provider once, whatever the number of its open documents', () => {
  const fired: string[] = [];
  const provider = (name: string) => ({ onDidChangeCodeLensEmitter: { fire: () => fired.push(name) } });
  const apiConfig = provider('api-config');
  const wrangler = provider('wrangler');
  const feature: CodeLensFeatureLike = {
    getProvider: (document) => {
      const path = (document.uri as unknown as { path: string }).path;
      if (path.endsWith('api-config.json')) return apiConfig;
      if (path.endsWith('wrangler.toml')) return wrangler;
      return undefined;
    },
  };
  const documents = ['/a/api-config.json', '/b/api-config.json', '/a/wrangler.toml', '/a/README.md'].map(fakeDocument);
  assert.equal(refreshCodeLenses(feature, documents), 2);
  assert.deepEqual(fired.sort(), ['api-config', 'wrangler']);
});

test('refreshCodeLenses does nothing without a feature, a provider or open documents', () => {
  assert.equal(refreshCodeLenses(undefined, [fakeDocument('/a/api-config.json')]), 0);
  assert.equal(refreshCodeLenses({ getProvider: () => undefined }, [fakeDocument('/a/api-config.json')]), 0);
  let fired = 0;
  assert.equal(refreshCodeLenses({ getProvider: () => ({ onDidChangeCodeLensEmitter: { fire: () => (fired += 1) } }) }, []), 0);
  assert.equal(fired, 0);
});
