// A rehearsed edit once a large config is open and checked: one character typed into a route's path and taken
// out again, each change applied and checked just as an editor's edit is. The first edits of a session otherwise
// run cold: code V8 has not compiled yet (the incremental parse, the re-check of one route, the replay of all the
// others) and state that only edits build (the tree's document order, the stored per-route reports). At 10,000
// paths the first keystroke after opening took ~195 ms, after a rehearsal ~60-90 ms (npm run bench:lsp, "first 5
// keystrokes"): the pause before the user starts typing pays for the rest.
import type { ConfigDocument } from '../../analysis/model';
import { configView } from '../../analysis/rules/schema/config-view';
import type { OpenDocument } from '../documents/open-document';
import type { OpenDocuments } from '../documents/open-documents';
import { activity, type Logger } from '../handler-guard';
import type { Gateway } from './gateways';

/** Below this many routes even a cold edit is quick (~25 ms at 1,000 paths): nothing to rehearse. */
export const MIN_ROUTES_TO_REHEARSE = 1000;

/**
 * Type-and-delete rounds. Code that runs once per check (loops over all routes) gets compiled after a few checks,
 * not one: at 10,000 paths the first keystroke took ~105 ms after one round, ~75 ms after two or more.
 */
const REHEARSAL_ROUNDS = 2;

/**
 * Where to type: just inside the opening quote of the path of the route in the middle of `paths` (or of the next
 * route after it that has a string path). Undefined for small configs and configs without such a route.
 */
export function rehearsalOffset(config: ConfigDocument): number | undefined {
  const routes = configView(config).routes;
  if (routes.length < MIN_ROUTES_TO_REHEARSE) return undefined;
  for (let i = routes.length >> 1; i < routes.length; i++) {
    const path = routes[i]!.path;
    if (path?.type === 'string') return path.offset + 1;
  }
  return undefined;
}

/**
 * Types a character at the rehearsal offset of `doc` and deletes it again (REHEARSAL_ROUNDS times), calling `check`
 * after each change. The document's version stays: its text ends exactly as it began, in the same task (no message
 * of the editor's can land on the rehearsal's text). False when there is nothing to rehearse.
 */
export function rehearseEdit(doc: OpenDocument, check: () => void): boolean {
  const offset = doc.config ? rehearsalOffset(doc.config) : undefined;
  if (offset === undefined) return false;
  const at = doc.lines.positionAt(offset);
  for (let round = 0; round < REHEARSAL_ROUNDS; round++) {
    doc.applyChanges([{ range: { start: at, end: at }, text: 'x' }], doc.version);
    check();
    doc.applyChanges([{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }], doc.version);
    check();
  }
  return true;
}

/** The rehearsal waits for a pause in the traffic this long, checking again as often, at most that many times. */
const REHEARSAL_QUIET_MS = 50;
const REHEARSAL_TRIES = 100;

/** What a scheduled rehearsal needs of the server. */
export interface RehearsalHost {
  documents: OpenDocuments;
  log: Logger;
  /** The gateway is being checked, or waits for a check: the user's own edits are under way. */
  busy(gateway: Gateway): boolean;
  /** Check the gateway with the options of its last check: the results it leaves are the ones the next edit re-uses. */
  check(gateway: Gateway): void;
  /** After the rehearsal of `file`: prepare its findings for the wire and collect the garbage, in the same pause. */
  after(file: string): void;
}

/**
 * Once per config, after its first check while open in the editor: rehearse an edit in the first quiet moment (no
 * request unanswered, no message for REHEARSAL_QUIET_MS), never ahead of an answer. An edit that comes first
 * makes it pointless.
 */
export class EditRehearsals {
  /** Configs whose rehearsal has been scheduled. */
  private readonly scheduled = new Set<string>();

  constructor(private readonly host: RehearsalHost) {}

  schedule(gateway: Gateway): void {
    const { documents, log } = this.host;
    const file = gateway.configFile;
    const opened = documents.get(file);
    if (this.scheduled.has(file) || !opened?.config) return;
    this.scheduled.add(file);
    const version = opened.version;
    const attempt = (tries: number): void => {
      const doc = documents.get(file);
      if (doc !== opened || doc.version !== version || this.host.busy(gateway)) return;
      const quietFor = performance.now() - Math.max(activity.last, activity.lastAnswered);
      if (activity.inFlight > 0 || quietFor < REHEARSAL_QUIET_MS) {
        if (tries < REHEARSAL_TRIES) setTimeout(() => attempt(tries + 1), REHEARSAL_QUIET_MS).unref();
        return;
      }
      const started = performance.now();
      if (!rehearseEdit(doc, () => this.host.check(gateway))) return;
      log.info(`[sag] rehearsed an edit of ${file} in ${(performance.now() - started).toFixed(1)} ms`);
      this.host.after(file);
    };
    setTimeout(() => attempt(0), REHEARSAL_QUIET_MS).unref();
  }
}
