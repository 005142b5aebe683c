// The port sag dev keeps open across reloads (server/src/cli/dev/reload-gate.ts), with real sockets: connections
// made while workerd (re)starts wait and are then served; a restart the gate was not told of is retried; with
// nothing to serve a connection gets a 503 saying why; a client that half-closes still gets its response; close()
// ends everything.
import assert from 'node:assert/strict';
import { request as httpRequest, createServer as createHttpServer } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { test } from 'node:test';
import { ReloadGate } from '../../server/src/cli/dev/reload-gate';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/** A stand-in for workerd: answers every request with `name` and the path. */
function backend(name: string): Server {
  return createHttpServer((req, res) => res.end(`${name} ${req.url}`));
}

/** One request on a connection of its own (no keep-alive pool), as a browser's first request. */
function get(port: number, path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

test('connections made while held wait, then reach the runtime; a reload moves them to the new port', async () => {
  const gate = new ReloadGate();
  const first = backend('first');
  const second = backend('second');
  try {
    const port = await gate.listen('127.0.0.1', 0);
    const early = get(port, '/early');
    const firstPort = await listen(first);
    await new Promise((r) => setTimeout(r, 100));
    gate.forwardTo(firstPort);
    assert.deepEqual(await early, { status: 200, body: 'first /early' });
    gate.hold();
    const during = Promise.all([get(port, '/a'), get(port, '/b')]);
    gate.forwardTo(await listen(second));
    assert.deepEqual(await during, [{ status: 200, body: 'second /a' }, { status: 200, body: 'second /b' }]);
  } finally {
    gate.close();
    first.close();
    second.close();
  }
});

test('a runtime that refuses connections for a moment (a restart the gate was not told of) is tried again', async () => {
  const gate = new ReloadGate();
  const late = backend('late');
  try {
    const port = await gate.listen('127.0.0.1', 0);
    const runtimePort = await freePort();
    gate.forwardTo(runtimePort);
    const answer = get(port, '/x');
    await new Promise((r) => setTimeout(r, 300));
    await new Promise<void>((resolve) => late.listen(runtimePort, '127.0.0.1', resolve));
    assert.deepEqual(await answer, { status: 200, body: 'late /x' });
  } finally {
    gate.close();
    late.close();
  }
});

test('with nothing to serve, held and new connections get a 503 naming why; serving again afterwards works', async () => {
  const gate = new ReloadGate();
  const server = backend('back');
  try {
    const port = await gate.listen('127.0.0.1', 0);
    const held = get(port, '/held');
    await new Promise((r) => setTimeout(r, 50));
    gate.unavailable('the last reload failed; save a fix to reload');
    const expected = { status: 503, body: 'sag dev: the last reload failed; save a fix to reload\n' };
    assert.deepEqual(await held, expected);
    assert.deepEqual(await get(port, '/new'), expected);
    gate.forwardTo(await listen(server));
    assert.deepEqual(await get(port, '/ok'), { status: 200, body: 'back /ok' });
  } finally {
    gate.close();
    server.close();
  }
});

test('a client that ends its side after the request still gets the whole response', async () => {
  const gate = new ReloadGate();
  const big = 'x'.repeat(1024 * 1024);
  // A raw server that answers only once the client's side has ended (Node's HTTP server drops such a request).
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.resume();
    socket.on('end', () => setTimeout(() => socket.end(`HTTP/1.1 200 OK\r\ncontent-length: ${big.length}\r\n\r\n${big}`), 50));
  });
  try {
    const port = await gate.listen('127.0.0.1', 0);
    gate.forwardTo(await listen(server));
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => socket.end('GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'));
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (c: string) => (text += c));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(received, /^HTTP\/1\.1 200 OK\r\n/);
    assert.ok(received.endsWith(big), `whole body: ${received.length} bytes`);
  } finally {
    gate.close();
    server.close();
  }
});

test('a port in use is an EADDRINUSE from listen; close() ends open and held connections', async () => {
  const gate = new ReloadGate();
  const other = new ReloadGate();
  try {
    const port = await gate.listen('127.0.0.1', 0);
    await assert.rejects(other.listen('127.0.0.1', port), (error: NodeJS.ErrnoException) => error.code === 'EADDRINUSE');
    const held = get(port, '/held');
    await new Promise((r) => setTimeout(r, 50));
    gate.close();
    await assert.rejects(held);
    await assert.rejects(get(port, '/after'));
  } finally {
    gate.close();
    other.close();
  }
});

test('a request the old runtime ended without answering (a restart) is sent again, whole, to the new one', async () => {
  const gate = new ReloadGate();
  const received: string[] = [];
  // The old runtime reads the request, then goes away without a byte of answer, as workerd does when it restarts.
  const dying = createServer((socket) => {
    socket.on('data', (chunk) => {
      received.push(chunk.toString('latin1'));
      gate.hold();
      socket.destroy();
      setTimeout(() => void listen(next).then((port) => gate.forwardTo(port)), 100);
    });
  });
  const next = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => res.end(`next ${req.method} ${req.url} ${body}`));
  });
  try {
    const port = await gate.listen('127.0.0.1', 0);
    gate.forwardTo(await listen(dying));
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/orders', method: 'POST', agent: false, headers: { 'content-type': 'text/plain' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end('one book');
    });
    assert.deepEqual(answer, { status: 200, body: 'next POST /orders one book' });
    assert.match(received.join(''), /^POST \/orders HTTP\/1\.1\r\n/);
  } finally {
    gate.close();
    dying.close();
    next.close();
  }
});
