// The port `sag dev` serves on, open from start-up to stop across every reload. workerd restarts on each reload
// (Miniflare setOptions), and its own port refuses connections while it does; the gate listens on the user's port,
// forwards each connection byte for byte to workerd's current loopback port, and holds new connections while workerd
// starts or restarts, as wrangler dev's proxy Worker holds requests. A GET, HEAD or OPTIONS request that a restart
// ended before any byte of its answer is sent again, once and whole, to the new workerd; any other request so
// ended gets a 503 saying so (it may have run), and a connection whose answer had begun ends with the old workerd.
// When nothing can be served (a reload that workerd refused and no last good build), a connection gets a 503 naming
// why instead of waiting for the next good save.
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A runtime that refuses connections the gate was not told of (a restart outlasting `hold`): tried for ~2 s. */
const CONNECT_ATTEMPTS = 40;
const RETRY_MS = 50;
/** Unanswered request bytes kept for sending again; a larger upload in flight at a restart fails as before. */
const MAX_RESENT_BYTES = 1024 * 1024;
/** Where workerd listens behind the gate (sag dev starts it there): loopback, on a port of its own choosing. */
export const WORKERD_HOST = '127.0.0.1';

type GateState = { kind: 'holding' } | { kind: 'forwarding'; port: number } | { kind: 'unavailable'; reason: string };

export class ReloadGate {
  private readonly server: Server;
  private state: GateState = { kind: 'holding' };
  /** Counts hold()s: a connection the runtime ends under a newer generation than it was taken in ended in a restart. */
  generation = 0;
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
    this.generation++;
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

/** Requests sent again after a restart: those a second run cannot harm (RFC 9110's safe methods but TRACE). */
const RESENDABLE = /^(GET|HEAD|OPTIONS) /;

/** One client connection and its connection to the runtime, with the request bytes not yet answered. */
class Link {
  private upstream: Socket | undefined;
  private connected = false;
  /** The gate's generation when the runtime took this connection: a close under a newer one is a restart. */
  private generation = -1;
  /** The client's bytes since the runtime last sent any (the request waiting for its answer); undefined: too many. */
  private pending: Buffer[] | undefined = [];
  private pendingBytes = 0;
  /** The runtime sent bytes since the client's last ones: the request is being answered. */
  private answered = false;
  /** A 1xx answer went by (100 Continue, 101 Switching Protocols): what the client sends next is no new request. */
  private interim = false;
  /** 101 Switching Protocols went by: no HTTP answer of the gate's may follow on this connection. */
  private switched = false;
  /** The waiting request was sent again once already. */
  private resent = false;
  private clientEnded = false;
  /** Answered by the gate itself (503): the client's further bytes are read and dropped. */
  private done = false;
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
    // The generation the connection is made in, not the one it completes in: a hold() while it is in flight is a
    // restart of the runtime it reaches (read at 'connect', a request cut then looked like a runtime's own drop).
    this.generation = this.gate.generation;
    const upstream = connect({ host: WORKERD_HOST, port, allowHalfOpen: true });
    this.gate.track(upstream);
    this.upstream = upstream;
    this.connected = false;
    upstream.once('connect', () => {
      this.connected = true;
      this.refusals = 0;
      upstream.setNoDelay(true);
      // A request sent again: the same bytes, then whatever the client sends next.
      for (const chunk of this.pending ?? []) upstream.write(chunk);
      if (this.clientEnded) upstream.end();
      this.client.resume();
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!this.answered && isInterimAnswer(chunk)) {
        this.interim = true;
        if (chunk.toString('latin1', 9, 12) === '101') this.switched = true;
      }
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

  /**
   * A 503 from the gate when nothing of an answer has been sent for the waiting request (a 100 Continue is no
   * answer), else the connection ends: after a 101 it carries another protocol.
   */
  unavailable(reason: string): void {
    this.done = true;
    if (this.answered || this.switched) {
      this.client.destroy();
      return;
    }
    const body = `sag dev: ${reason}\n`;
    this.client.end(`HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    this.client.resume();
  }

  private fromClient(chunk: Buffer): void {
    if (this.done) return;
    if (this.answered) {
      this.answered = false;
      this.pending = this.interim ? undefined : [];
      this.pendingBytes = 0;
      this.resent = false;
    }
    this.pendingBytes += chunk.length;
    if (this.pending && this.pendingBytes <= MAX_RESENT_BYTES) this.pending.push(chunk);
    else this.pending = undefined;
    const upstream = this.upstream;
    if (!upstream || !this.connected) {
      // Read while no runtime takes them (the client is paused then; a few bytes may be in flight): kept in
      // `pending` for the next connection, unless there are too many to keep.
      if (!this.pending) this.client.destroy();
      return;
    }
    if (!upstream.write(chunk)) {
      this.client.pause();
      upstream.once('drain', () => this.client.resume());
    }
  }

  private upstreamClosed(upstream: Socket): void {
    if (this.upstream !== upstream || this.client.destroyed || this.done) return;
    this.upstream = undefined;
    if (!this.connected) {
      // Refused: the runtime is between processes. Try again shortly, wherever the gate then sends it.
      if (++this.refusals < CONNECT_ATTEMPTS) setTimeout(() => this.gate.route(this), RETRY_MS);
      else this.unavailable('the Workers runtime does not accept connections');
      return;
    }
    this.connected = false;
    // After an answer, or idle (nothing sent since the last one): the connection ends as the runtime ended it.
    if (this.answered || this.pendingBytes === 0) {
      this.client.end();
      return;
    }
    // The runtime went away while a request waited for its answer. Not in a reload: as the runtime left it.
    if (this.gate.generation === this.generation) {
      this.client.destroy();
      return;
    }
    if (this.pending && !this.resent && RESENDABLE.test(Buffer.concat(this.pending, Math.min(this.pendingBytes, 8)).toString('latin1'))) {
      this.resent = true;
      this.client.pause();
      this.gate.route(this);
      return;
    }
    this.unavailable('the Workers runtime restarted while this request waited for its answer; only GET, HEAD and OPTIONS requests are sent again');
  }
}

/** The start of a 1xx status line (`HTTP/1.1 100 Continue`, `HTTP/1.1 101 Switching Protocols`). */
function isInterimAnswer(chunk: Buffer): boolean {
  return chunk.length >= 10 && chunk.toString('latin1', 0, 7) === 'HTTP/1.' && chunk[8] === 0x20 && chunk[9] === 0x31;
}
