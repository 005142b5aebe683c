// A real HTTP upstream on 127.0.0.1 that echoes what it received (method, url, headers, body) as JSON.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface EchoServer {
  origin: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startEchoServer(respond?: (req: IncomingMessage, body: string) => { status?: number; headers?: Record<string, string>; body?: string } | undefined): Promise<EchoServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(record);
      const custom = respond?.(req, body);
      res.writeHead(custom?.status ?? 200, { 'content-type': 'application/json', 'x-powered-by': 'Express', ...(custom?.headers ?? {}) });
      res.end(custom?.body ?? JSON.stringify(record));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A port with nothing listening on it (bound, read, closed). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
