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

/** One request on a connection of its own: its status and body, or the connection's error code. */
function send(port: number, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string } | string> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    req.end(body);
  });
}

/**
 * An old runtime that reads a request and goes away without a byte of answer in a reload (hold(), then gone, as
 * workerd when Miniflare restarts it), a new one that answers `next METHOD PATH BODY` and counts its requests.
 */
function restartDuringRequest(gate: ReloadGate): { dying: Server; next: Server; received: string[]; handled: string[] } {
  const received: string[] = [];
  const handled: string[] = [];
  const next = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      handled.push(`${req.method} ${req.url}`);
      res.end(`next ${req.method} ${req.url} ${body}`);
    });
  });
  const dying = createServer((socket) => {
    socket.once('data', (chunk) => {
      received.push(chunk.toString('latin1'));
      gate.hold();
      socket.destroy();
      setTimeout(() => void listen(next).then((port) => gate.forwardTo(port)), 100);
    });
  });
  return { dying, next, received, handled };
}

test('a GET the old runtime ended without answering (a restart) is sent again, once and whole, to the new one', async () => {
  const gate = new ReloadGate();
  const { dying, next, received, handled } = restartDuringRequest(gate);
  try {
    const port = await gate.listen('127.0.0.1', 0);
    gate.forwardTo(await listen(dying));
    assert.deepEqual(await send(port, 'GET', '/orders?x=1'), { status: 200, body: 'next GET /orders?x=1 ' });
    assert.match(received.join(''), /^GET \/orders\?x=1 HTTP\/1\.1\r\n/);
    assert.deepEqual(handled, ['GET /orders?x=1']);
  } finally {
    gate.close();
    dying.close();
    next.close();
  }
});

test('a reload that begins while the connection to the old runtime is being made: its GET is still sent again', async () => {
  const gate = new ReloadGate();
  const next = backend('next');
  let over = false;
  // The old runtime reads the request and goes away unanswered; the reload had begun before it took the connection.
  const dying = createServer((socket) => {
    socket.once('data', () => {
      socket.destroy();
      setTimeout(() => void (over ? undefined : listen(next).then((port) => gate.forwardTo(port))), 50);
    });
  });
  try {
    const port = await gate.listen('127.0.0.1', 0);
    gate.forwardTo(await listen(dying));
    // Right after the gate started connecting this client to the old runtime (its own handler ran first), before
    // that connection completes: workerd is told to restart.
    (gate as unknown as { server: Server }).server.on('connection', () => gate.hold());
    assert.deepEqual(await send(port, 'GET', '/race'), { status: 200, body: 'next /race' });
  } finally {
    over = true;
    gate.close();
    dying.close();
    next.close();
  }
});

test('a POST a restart ended unanswered is not run again: a 503 says so', async () => {
  const gate = new ReloadGate();
  const { dying, next, handled } = restartDuringRequest(gate);
  try {
    const port = await gate.listen('127.0.0.1', 0);
    gate.forwardTo(await listen(dying));
    const answer = await send(port, 'POST', '/orders', 'one book', { 'content-type': 'text/plain' });
    assert.equal(typeof answer === 'object' && answer.status, 503, JSON.stringify(answer));
    assert.match((answer as { body: string }).body, /restarted while this request waited for its answer; only GET, HEAD and OPTIONS requests are sent again/);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(handled, [], 'the new runtime never saw it');
  } finally {
    gate.close();
    dying.close();
    next.close();
  }
});

test('a runtime that drops a request outside any reload: the client sees the drop, the request is not sent again', async () => {
  const gate = new ReloadGate();
  let connections = 0;
  const dropping = createServer((socket) => {
    connections++;
    socket.once('data', () => socket.destroy());
  });
  try {
    const port = await gate.listen('127.0.0.1', 0);
    gate.forwardTo(await listen(dropping));
    assert.equal(typeof (await send(port, 'GET', '/x')), 'string', 'a connection error, as from the runtime itself');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(connections, 1);
  } finally {
    gate.close();
    dropping.close();
  }
});

/**
 * A runtime that answers the request with the 1xx `interim`, then goes away in a reload when the client sends
 * `then`; what the client received, and what the new runtime was sent.
 */
async function cutAfterInterim(request: string, interim: string, then: string | Buffer): Promise<{ received: string; seen: string[] }> {
  const gate = new ReloadGate();
  const seen: string[] = [];
  const dying = createServer((socket) => {
    socket.once('data', () => {
      socket.write(interim);
      socket.once('data', () => {
        gate.hold();
        socket.destroy();
        setTimeout(() => void listen(next).then((p) => gate.forwardTo(p)), 50);
      });
    });
  });
  const next = createServer((socket) => socket.on('data', (c) => seen.push(c.toString('latin1'))));
  try {
    const port = await gate.listen('127.0.0.1', 0);
    gate.forwardTo(await listen(dying));
    const received = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request));
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (c: string) => {
        text += c;
        if (text === interim) socket.write(then);
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => undefined);
    });
    await new Promise((r) => setTimeout(r, 200));
    return { received, seen };
  } finally {
    gate.close();
    dying.close();
    next.close();
  }
}

test('after a 100 Continue the body is no new request: a restart then gets a 503, nothing is sent again', async () => {
  const { received, seen } = await cutAfterInterim('PUT /big HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: 4\r\n\r\n', 'HTTP/1.1 100 Continue\r\n\r\n', 'body');
  assert.match(received, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 503 Service Unavailable\r\n/, 'a final answer may follow a 100');
  assert.deepEqual(seen, [], 'the body never reached the new runtime as a request');
});

test('an upload over 1 MB cut by a restart is not sent again, nor its tail alone', async () => {
  const gate = new ReloadGate();
  const { dying, next, handled } = restartDuringRequest(gate);
  const rawNext: string[] = [];
  next.on('connection', (socket) => socket.on('data', (c: Buffer) => rawNext.push(c.toString('latin1', 0, 16))));
  try {
    const port = await gate.listen('127.0.0.1', 0);
    gate.forwardTo(await listen(dying));
    const answer = await send(port, 'PUT', '/upload', 'x'.repeat(2 * 1024 * 1024), { 'content-type': 'text/plain' });
    assert.ok(typeof answer === 'string' || answer.status === 503, JSON.stringify(answer).slice(0, 200));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(handled, []);
    assert.deepEqual(rawNext, [], 'no bytes of it reached the new runtime');
  } finally {
    gate.close();
    dying.close();
    next.close();
  }
});

test('a WebSocket (101) cut by a restart ends; its frames are never sent as a request, no HTTP answer is written into it', async () => {
  const switched = 'HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n\r\n';
  const frame = Buffer.from([0x81, 0x85, 1, 2, 3, 4, 0x69, 0x67, 0x6f, 0x68, 0x6e]);
  const { received, seen } = await cutAfterInterim('GET /ws HTTP/1.1\r\nhost: x\r\nupgrade: websocket\r\nconnection: Upgrade\r\n\r\n', switched, frame);
  assert.equal(received, switched);
  assert.deepEqual(seen, []);
});
