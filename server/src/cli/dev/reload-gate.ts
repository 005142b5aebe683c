// The port `sag dev` serves on, open from start-up to stop across every reload. workerd restarts on each reload
// (Miniflare setOptions), and its own port refuses connections while it does; the gate listens on the user's port,
// forwards each connection byte for byte to workerd's current loopback port, and holds new connections while workerd
// starts or restarts, as wrangler dev's proxy Worker holds requests. A request the old workerd ended before answering
// (a byte of answer ends that) is sent again, whole, to the new one; once an answer has begun, the connection ends
// with the runtime that gave it.
// When nothing can be served (a reload that workerd refused and no last good build), a connection gets a 503 naming
// why instead of waiting for the next good save.
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A runtime that refuses connections the gate was not told of (a restart outlasting `hold`): tried for ~2 s. */
const CONNECT_ATTEMPTS = 40;
const RETRY_MS = 50;
/** Unanswered request bytes kept for sending again; a larger upload in flight at a restart fails as before. */
const MAX_RESENT_BYTES = 1024 * 1024;
const WORKERD_HOST = '127.0.0.1';

type GateState = { kind: 'holding' } | { kind: 'forwarding'; port: number } | { kind: 'unavailable'; reason: string };

export class ReloadGate {
  private readonly server: Server;
  private state: GateState = { kind: 'holding' };
  private held: Link[] = [];
  private readonly sockets = new Set<Socket>();

  constructor() {
    // Half-open: a client that ends its side (FIN) after the request still gets the whole response.
    this.server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket) => {
      this.track(socket);
      socket.setNoDelay(true);
      this.route(new Link(socket, this));
    });
  }

  /** Listen on the user's address; resolves with the port (0 picks one), rejects with the listen error (EADDRINUSE). */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host, port, exclusive: true }, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as { port: number }).port);
      });
    });
  }

  /** workerd is (re)starting: new connections, and requests the old one leaves unanswered, wait. */
  hold(): void {
    this.state = { kind: 'holding' };
  }

  /** workerd serves on `port`: what waits and everything new goes there. */
  forwardTo(port: number): void {
    this.state = { kind: 'forwarding', port };
    this.release();
  }

  /** Nothing is served: each connection, waiting or new, gets a 503 with `reason`. */
  unavailable(reason: string): void {
    this.state = { kind: 'unavailable', reason };
    this.release();
  }

  /** Stop listening and end every connection (synchronous: a signal handler calls it). */
  close(): void {
    this.server.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.held = [];
  }

  /** Send `link` where the runtime is now (or hold it, or answer 503). */
  route(link: Link): void {
    if (link.client.destroyed) return;
    const state = this.state;
    if (state.kind === 'holding') this.held.push(link);
    else if (state.kind === 'unavailable') link.unavailable(state.reason);
    else link.connectTo(state.port);
  }

  track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    // Resets and aborted clients: the other side is ended on 'close'; nothing to tell anyone.
    socket.on('error', () => undefined);
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    for (const link of held) this.route(link);
  }
}

/** One client connection and its connection to the runtime, with the request bytes not yet answered. */
class Link {
  private upstream: Socket | undefined;
  private connected = false;
  /** The client's bytes since the runtime last sent any: sent again when it ends before answering (undefined: too many). */
  private unanswered: Buffer[] | undefined = [];
  private unansweredBytes = 0;
  /** The runtime sent bytes since the client's last ones: the request is being answered. */
  private answered = false;
  private clientEnded = false;
  private refusals = 0;

  constructor(
    readonly client: Socket,
    private readonly gate: ReloadGate,
  ) {
    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
    client.on('end', () => {
      this.clientEnded = true;
      if (this.connected) this.upstream?.end();
    });
    client.once('close', () => this.upstream?.destroy());
  }

  connectTo(port: number): void {
    this.client.pause();
    const upstream = connect({ host: WORKERD_HOST, port, allowHalfOpen: true });
    this.gate.track(upstream);
    this.upstream = upstream;
    this.connected = false;
    upstream.once('connect', () => {
      this.connected = true;
      this.refusals = 0;
      upstream.setNoDelay(true);
      for (const chunk of this.unanswered ?? []) upstream.write(chunk);
      if (this.clientEnded) upstream.end();
      this.client.resume();
    });
    upstream.on('data', (chunk: Buffer) => {
      this.answered = true;
      if (!this.client.write(chunk)) {
        upstream.pause();
        this.client.once('drain', () => upstream.resume());
      }
    });
    // The runtime's side ended: after an answer, so does the client's; before one, the runtime went away (close).
    upstream.on('end', () => (this.answered ? this.client.end() : upstream.destroy()));
    upstream.once('close', () => this.upstreamClosed(upstream));
  }

  unavailable(reason: string): void {
    if (this.answered) {
      this.client.destroy();
      return;
    }
    const body = `sag dev: ${reason}\n`;
    this.client.end(`HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    this.client.resume();
  }

  private fromClient(chunk: Buffer): void {
    if (this.answered) {
      this.answered = false;
      this.unanswered = [];
      this.unansweredBytes = 0;
    }
    this.unansweredBytes += chunk.length;
    if (this.unanswered && this.unansweredBytes <= MAX_RESENT_BYTES) this.unanswered.push(chunk);
    else this.unanswered = undefined;
    const upstream = this.upstream;
    if (upstream && this.connected && !upstream.write(chunk)) {
      this.client.pause();
      upstream.once('drain', () => this.client.resume());
    }
  }

  private upstreamClosed(upstream: Socket): void {
    if (this.upstream !== upstream || this.client.destroyed) return;
    this.upstream = undefined;
    if (!this.connected) {
      // Refused: the runtime is between processes. Try again shortly, wherever the gate then sends it.
      if (++this.refusals < CONNECT_ATTEMPTS) setTimeout(() => this.gate.route(this), RETRY_MS);
      else this.unavailable('the Workers runtime does not accept connections');
      return;
    }
    this.connected = false;
    if (this.answered) this.client.end();
    // Ended before answering what the client sent (a restart): the same bytes to the runtime the gate names now.
    else if (this.unanswered && this.unansweredBytes > 0) this.gate.route(this);
    // Idle (nothing sent since the last answer) or too much to send again: the client reconnects for its next request.
    else if (this.unanswered) this.client.end();
    else this.client.destroy();
  }
}
