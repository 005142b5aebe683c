// The one wrapper every request and notification handler runs through: a throw is logged and answered with a
// fallback (the server never dies of one bad request), a cancelled request stops and says so, and after `shutdown`
// requests are refused and notifications and background work dropped, as LSP asks.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';

export interface Logger {
  error(message: string): void;
  info(message: string): void;
}

export function connectionLogger(connection: Connection): Logger {
  return {
    error: (message) => connection.console.error(message),
    info: (message) => connection.console.info(message),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

/**
 * What the server is doing, for background work that must not hold an answer back (the heap collector): requests
 * received and not yet answered, when a message last came in or a request handler last started (messages read
 * together wait in the connection's queue, one handled per turn of the loop), and when one last ended (the next
 * queued message starts on the next turn).
 */
export const activity = { inFlight: 0, last: 0, lastAnswered: 0 };

export function markActivity(): void {
  activity.last = performance.now();
}

/** Set by the shutdown request: the client may send only `exit` after it. */
let shutDown = false;

export function markShutDown(): void {
  shutDown = true;
}

export function cancelled(): ResponseError<never> {
  return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/**
 * Wrap a request handler: cancellation before or after the work answers RequestCancelled; an exception is logged
 * and answered with `fallback` (null, [] ...), so the editor shows nothing rather than an error popup.
 */
export function guardRequest<P, R, F>(
  log: Logger,
  method: string,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
  fallback: F,
): (params: P, token: CancellationToken) => Promise<R | F | ResponseError<never>> {
  return async (params, token) => {
    if (shutDown) return new ResponseError<never>(ErrorCodes.InvalidRequest, `${method} after shutdown: the server takes only \`exit\` now`);
    if (token?.isCancellationRequested) return cancelled();
    activity.inFlight++;
    markActivity();
    try {
      const result = await handler(params, token);
      if (token?.isCancellationRequested) return cancelled();
      return result;
    } catch (error) {
      if (error instanceof ResponseError) return error as ResponseError<never>;
      log.error(`[sag] ${method} failed: ${describe(error)}`);
      return fallback;
    } finally {
      activity.inFlight--;
      activity.lastAnswered = performance.now();
    }
  };
}

/** Wrap a notification handler: exceptions (also of async work) are logged, never thrown; dropped after shutdown. */
export function guardNotification<P>(log: Logger, method: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    if (shutDown) return;
    markActivity();
    try {
      const pending = handler(params);
      if (pending && typeof (pending as Promise<void>).catch === 'function') {
        (pending as Promise<void>).catch((error: unknown) => log.error(`[sag] ${method} failed: ${describe(error)}`));
      }
    } catch (error) {
      log.error(`[sag] ${method} failed: ${describe(error)}`);
    }
    markActivity();
  };
}

/** For background work started outside a handler (timers). */
export function runLogged(log: Logger, what: string, work: () => void | Promise<void>): void {
  guardNotification<void>(log, what, work)(undefined);
}
