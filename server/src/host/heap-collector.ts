// Giving the garbage of re-checks back between edits. Every check of a large gateway leaves megabytes behind (a new
// copy of the edited text, the previous findings, the encoded diagnostics), and V8 lets the heap grow to a multiple
// of its live size before a full collection: with a 73 MB live set at 10,000 paths the server sat at 350 MB after 40
// edits. After a check, once the server has answered and sent what it was asked (a full collection takes ~40 ms at
// 10,000 paths and would hold the answer back), a full collection runs when the heap has grown by more than a budget
// since the last one, so the heap stays near live + budget (figures: npm run bench:lsp).
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;
const SETTLE_MS = 10;
const RETRY_MS = 2;
const MAX_WAIT_MS = 1000;

/**
 * Garbage allowed to pile up before a collection: a quarter of the live size, at least 24 MB (small gateways never
 * pay). The peak RSS is this garbage on top of the live heap: at 10,000 paths (live ~67 MB) 24 MB rather than 32 MB
 * keeps the peak under 200 MB, and the collection, one every ~4 edits, still fits in the pauses between them.
 */
export function collectionBudget(liveBytes: number): number {
  return Math.max(24 * MB, liveBytes / 4);
}

export interface HeapCollectorOptions {
  /** A full, synchronous collection; undefined = never collect (the collector is then a no-op). */
  collect?: () => void;
  /** Bytes in use on the JS heap now. */
  usedBytes?: () => number;
  /**
   * An answer is being computed or written (a request in flight, output not yet handed to the OS): a collection now
   * would delay it, so it waits (at most MAX_WAIT_MS: a client may keep a request open for long).
   */
  busy?: () => boolean;
}

export class HeapCollector {
  private liveAfterLast: number;
  private timer: NodeJS.Timeout | undefined;
  /** The next collection is due even under budget (afterCheck). */
  private dueEvenUnderBudget = false;
  private readonly collect: (() => void) | undefined;
  private readonly usedBytes: () => number;
  private readonly busy: () => boolean;
  collections = 0;

  constructor(options: HeapCollectorOptions = {}) {
    this.collect = options.collect;
    this.usedBytes = options.usedBytes ?? (() => getHeapStatistics().used_heap_size);
    this.busy = options.busy ?? (() => false);
    this.liveAfterLast = this.usedBytes();
  }

  /**
   * A check finished: collect once the server is not busy, if the garbage since the last collection is over budget
   * (or even under it, `evenUnderBudget`, where the server expects a pause: the garbage is not left to the next edits).
   */
  afterCheck(evenUnderBudget = false): void {
    if (!this.collect) return;
    this.dueEvenUnderBudget ||= evenUnderBudget;
    if (this.timer) return;
    // Not at once: a request that arrived during the check is still unread (the loop runs timers before it reads
    // input), and would wait behind the collection. A short pause lets it be read and counted as busy.
    this.timer = setTimeout(() => this.collectWhenIdle(0), SETTLE_MS);
    this.timer.unref();
  }

  private collectWhenIdle(attempt: number): void {
    this.timer = undefined;
    if (!this.dueEvenUnderBudget && this.usedBytes() - this.liveAfterLast < collectionBudget(this.liveAfterLast)) return;
    if (this.busy() && attempt < MAX_WAIT_MS / RETRY_MS) {
      this.timer = setTimeout(() => this.collectWhenIdle(attempt + 1), RETRY_MS);
      this.timer.unref();
      return;
    }
    this.collect!();
    this.dueEvenUnderBudget = false;
    this.collections++;
    this.liveAfterLast = this.usedBytes();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * V8's full collection as a function. `--expose-gc` is set from here because editors start the server as a plain
 * `node dist/server.js`; the function appears in contexts created after the flag, so a fresh one hands it over.
 */
export function exposedFullCollection(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
