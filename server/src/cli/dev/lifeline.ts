// The lifeline of `sag dev`: a small watcher process whose one job is that no child of sag dev outlives it.
// workerd (started by Miniflare) and esbuild run as children of sag dev. Ctrl+C, SIGTERM and SIGHUP are handled
// (the session stops them), but a process killed outright (SIGKILL, an out-of-memory kill, Task Manager's "End
// task", a crash in native code) runs no handler, and workerd went on serving the last build and holding the port,
// so the next `sag dev` found it in use (the same orphans as wrangler's: cloudflare/workerd#4114).
// The lifeline hears of each child as it starts and ends (Node's documented `child_process` diagnostics channel,
// so nothing is patched) over a pipe from sag dev. The operating system closes that pipe when sag dev ends, however
// it ends; the lifeline then kills the children still running and exits. It runs in its own process group (a Ctrl+C
// in the terminal is for sag dev, which stops its children itself) and holds no terminal or output pipe open.
import { spawn, type ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** Its argument, so `ps` shows what it is. */
export const LIFELINE_NAME = 'sag-dev-lifeline';

/**
 * The lifeline's program, run with `node -e` (no file to find next to a bundle, and the same under Electron's Node).
 * Lines on stdin: `+PID` a child started, `-PID` it ended; anything else is ignored.
 */
const LIFELINE_PROGRAM = `
const running = new Set();
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  for (let end = pending.indexOf('\\n'); end >= 0; end = pending.indexOf('\\n')) {
    const line = pending.slice(0, end);
    pending = pending.slice(end + 1);
    const pid = /^[+-][1-9][0-9]{0,9}$/.test(line) ? Number(line.slice(1)) : 0;
    if (pid === 0 || pid === process.pid) continue;
    if (line[0] === '+') running.add(pid);
    else running.delete(pid);
  }
});
let ended = false;
const end = () => {
  if (ended) return;
  ended = true;
  for (const pid of running) {
    try { process.kill(pid, 'SIGKILL'); } catch {}
  }
  process.exit(0);
};
process.stdin.on('end', end);
process.stdin.on('close', end);
process.stdin.on('error', end);
`;

interface ChildProcessMessage {
  process: ChildProcess;
}

export class Lifeline {
  private readonly onChild = (message: unknown): void => {
    const child = (message as ChildProcessMessage).process;
    if (child === this.watcher) return;
    // No 'spawn' (and no pid) for a child that failed to start.
    child.once('spawn', () => {
      const pid = child.pid;
      if (pid === undefined) return;
      this.tell(`+${pid}`);
      child.once('exit', () => this.tell(`-${pid}`));
    });
  };
  private closed = false;

  private constructor(private readonly watcher: ChildProcess) {
    subscribe('child_process', this.onChild);
  }

  /** Starts the lifeline; every child this process starts from now on is ended with it. */
  static start(): Lifeline {
    const watcher = spawn(process.execPath, ['-e', LIFELINE_PROGRAM, LIFELINE_NAME], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
      windowsHide: true,
    });
    // Neither the process nor the pipe keeps sag dev running; a lifeline that failed to start is only a lost safeguard.
    watcher.on('error', () => undefined);
    watcher.stdin!.on('error', () => undefined);
    watcher.unref();
    (watcher.stdin as unknown as { unref?: () => void }).unref?.();
    return new Lifeline(watcher);
  }

  /** Its process id (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.watcher.pid;
  }

  /**
   * Stop tracking and let the lifeline go: it ends the children still running, as if this process had ended (tests
   * cut it to see that; sag dev never needs to, its exit closes the pipe).
   */
  cut(): void {
    if (this.closed) return;
    this.closed = true;
    unsubscribe('child_process', this.onChild);
    this.watcher.stdin?.end();
  }

  private tell(line: string): void {
    if (!this.closed && this.watcher.stdin?.writable) this.watcher.stdin.write(`${line}\n`);
  }
}
