// bench:dev's control: a one-file Worker doing the seed example's three routes without the sag runtime (static JSON, a
// JSON answer, POST through the seed's own HOOKS.before and TARGET.run over RPC), served by Miniflare with the runtime
// options `sag dev` uses. Memory that grows here as it does under `sag dev` is workerd's and V8's, not the gateway's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { devRuntimeOptions } from '../../server/src/cli/dev/runtime-options';

const CONTROL_WORKER = `
export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path === '/health') return new Response('{"status":"ok"}', { headers: { 'content-type': 'application/json' } });
    if (path.startsWith('/hello/')) return Response.json({ message: 'Hello, ' + path.slice(7) + '!' });
    if (path === '/orders' && request.method === 'POST') {
      const body = await request.arrayBuffer();
      const context = { params: {}, query: {}, jwt: null, route: { method: 'POST', path: '/orders' }, requestId: 'control' };
      const copy = () => new Request(request.url, { method: 'POST', headers: request.headers, body: body.slice(0) });
      const stop = await env.HOOKS.before(copy(), context);
      if (stop instanceof Response) return stop;
      return env.TARGET.run(copy(), context);
    }
    return new Response('{"message":"No match found."}', { status: 404 });
  },
};`;

export interface ControlServer {
  url: string;
  stop(): Promise<void>;
}

/** Serves the control beside the project's hooks and target Workers (their single-file sources, as the seed has them). */
export async function startControl(project: string): Promise<ControlServer> {
  const moduleWorker = (name: string, file: string, contents: string) => ({
    name,
    modulesRoot: project,
    modules: [{ type: 'ESModule' as const, path: join(project, file), contents }],
    compatibilityDate: '2025-07-04',
  });
  const source = (file: string) => readFileSync(join(project, file), 'utf8');
  const mf = new Miniflare({
    ...devRuntimeOptions('127.0.0.1', 0),
    workers: [
      { ...moduleWorker('control', 'control.js', CONTROL_WORKER), serviceBindings: { HOOKS: 'hooks', TARGET: 'target' } },
      moduleWorker('hooks', 'workers/hooks/src/index.js', source('workers/hooks/src/index.js')),
      moduleWorker('target', 'workers/target/src/index.js', source('workers/target/src/index.js')),
    ],
  });
  const url = await mf.ready;
  return { url: url.origin, stop: () => mf.dispose() };
}
