// What the gateway releases after a bound Worker answers (Workers RPC lifecycle): converted RPC results are disposed,
// Responses it passes on are not, and a response a post_process hook replaced (or failed on) has its body cancelled.
// Bindings are plain objects here; workerd adds the disposers itself (workerd/hooks-and-bindings.test.ts runs RPC).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway } from '../../shared-runtime/src/index';
import { captureLogs } from './support/capture-logs';

const DISPOSE = (Symbol as unknown as { dispose: symbol }).dispose;

/** An RPC-style result: `value` plus a disposer that counts its calls. */
function disposable<T extends object>(value: T): { value: T; disposed: () => number } {
  let count = 0;
  Object.defineProperty(value, DISPOSE, { value: () => void count++, enumerable: false });
  return { value, disposed: () => count };
}

let served: Response | null = null;
/** The Response the service last returned (read through a call: TypeScript would keep `served` narrowed to null). */
function servedResponse(): Response {
  assert.ok(served, 'the service answered');
  return served;
}

function gateway() {
  return createGateway({
    config: {
      services: [{ alias: 'svc', entrypoint: './svc' }],
      serviceBindings: [{ alias: 'target', binding: 'TARGET' }, { alias: 'hooks', binding: 'HOOKS' }],
      paths: [
        { method: 'GET', path: '/made', integration: { type: 'service_binding', binding: 'target', function: 'made' } },
        { method: 'GET', path: '/passed', integration: { type: 'service_binding', binding: 'target', function: 'passed' } },
        { method: 'POST', path: '/checked', pre_process: { binding: 'hooks', function: 'bad' }, integration: { type: 'service_binding', binding: 'target', function: 'made' } },
        { method: 'GET', path: '/replaced', integration: { type: 'service', binding: 'svc', post_process: { binding: 'hooks', function: 'replace' } } },
        { method: 'GET', path: '/kept', integration: { type: 'service', binding: 'svc', post_process: { binding: 'hooks', function: 'keep' } } },
        { method: 'GET', path: '/failed', integration: { type: 'service', binding: 'svc', post_process: { binding: 'hooks', function: 'explode' } } },
      ],
    },
    services: {
      svc: {
        default: {
          fetch() {
            served = new Response('from the service', { headers: { 'content-type': 'text/plain' } });
            return served;
          },
        },
      },
    },
  });
}

test('a plain object from a service_binding is converted, then its disposer runs once', async () => {
  const result = disposable({ message: 'made', id: 7 });
  const response = await gateway().fetch(new Request('http://gw.test/made'), { TARGET: { made: async () => result.value } });
  assert.equal(response.status, 200);
  assert.deepEqual(JSON.parse(await response.text()), { status: 'success', message: 'made', data: { id: 7 } });
  assert.equal(result.disposed(), 1);
});

test('a Response from a service_binding is passed on, not disposed', async () => {
  const result = disposable(new Response('streamed on', { status: 201 }));
  const response = await gateway().fetch(new Request('http://gw.test/passed'), { TARGET: { passed: async () => result.value } });
  assert.equal(response.status, 201);
  assert.equal(await response.text(), 'streamed on');
  assert.equal(result.disposed(), 0);
});

test('a pre_process result that breaks the contract is disposed, and the 500 still names what it was', async () => {
  const result = disposable(new (class Verdict {})());
  const { result: response, lines } = await captureLogs(() =>
    gateway().fetch(new Request('http://gw.test/checked', { method: 'POST', body: '{}' }), { HOOKS: { bad: async () => result.value }, TARGET: { made: async () => null } }),
  );
  assert.equal(response.status, 500);
  assert.equal(result.disposed(), 1);
  assert.match(lines.join('\n'), /pre_process hook `hooks` \(binding HOOKS, function bad\) returned an object \(Verdict\)/);
});

test('when post_process replaces the response, the replaced body is cancelled instead of left unread', async () => {
  served = null;
  const response = await gateway().fetch(new Request('http://gw.test/replaced'), {
    HOOKS: { replace: async (copy: Response) => new Response(`hook saw: ${await copy.text()}`, { status: 202 }) },
  });
  assert.equal(response.status, 202);
  assert.equal(await response.text(), 'hook saw: from the service');
  assert.equal(servedResponse().bodyUsed, true, 'the original body was released');
});

test('when post_process keeps the response, its body reaches the client untouched', async () => {
  served = null;
  const response = await gateway().fetch(new Request('http://gw.test/kept'), { HOOKS: { keep: async () => undefined } });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'from the service');
});

test('when post_process throws, the abandoned body is cancelled and the client gets the 500', async () => {
  served = null;
  const { result: response } = await captureLogs(() =>
    gateway().fetch(new Request('http://gw.test/failed'), {
      HOOKS: {
        explode: async () => {
          throw new Error('hook exploded');
        },
      },
    }),
  );
  assert.equal(response.status, 500);
  assert.equal(servedResponse().bodyUsed, true);
});
