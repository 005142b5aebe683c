// The checks through the findings cache (host/findings-cache.ts): what they read is recorded, and the findings are
// stored under it after the check at start and again at shutdown (the edits saved meanwhile included); when the
// same workspace is opened again and every recorded input reads the same (files, listings, the editor settings of
// each gateway), the stored findings are shown at once and the check that follows confirms them. A gateway whose
// input changes meanwhile loses them (inputsOfPathHold).
import type { Finding } from '../../analysis/findings';
import type { FileHost } from '../../analysis/host';
import type { FindingsCache } from '../../host/findings-cache';
import { changedInput, type RecordingFileHost } from '../../host/recorded-inputs';
import type { Logger } from '../handler-guard';
import type { Gateway, GatewayRegistry } from './gateways';

export interface CheckKey {
  roots: readonly string[];
  /** The server options that change findings (codes left out, JSON syntax errors omitted). */
  options: unknown;
}

export class CachedChecks {
  /** The gateways' generations when their findings were last stored or read back: nothing new to store since. */
  private storedStamp: string | undefined;
  /** Findings read back at start were dropped (an input changed) before the check at start confirmed them. */
  private dropped = false;
  /** The findings read back at start, by config file, until the check at start has compared its own with them. */
  private restoredFindings: Map<string, readonly Finding[]> | undefined;

  constructor(
    private readonly store: FindingsCache | undefined,
    private readonly recorder: RecordingFileHost,
    /** The host the checks read (open documents over the disk), not recording. */
    private readonly host: FileHost,
    private readonly log: Logger,
  ) {
    if (store) recorder.enable();
  }

  /**
   * Show the stored findings of these gateways when every input they were found from reads the same now. Returns
   * the gateways restored (none on a miss). `settingsKeyOf` gives a gateway's editor settings as its checks key them.
   */
  async restore(registry: GatewayRegistry, key: CheckKey, settingsKeyOf: (gateway: Gateway) => Promise<string>): Promise<Gateway[]> {
    if (!this.store) return [];
    const started = performance.now();
    const text = keyText(key);
    const entry = this.store.read(text);
    if (!entry) return [];
    const gateways = registry.all();
    const stored = new Map(entry.gateways.map((g) => [g.configFile, g]));
    const miss = (why: string): Gateway[] => {
      this.log.info(`[sag] findings cache: ${why} since the last start; checking everything`);
      return [];
    };
    if (entry.gateways.length !== gateways.length || gateways.some((g) => !stored.has(g.configFile))) return miss('the gateways found changed');
    // Asked all at once: one round trip to the client, not one per gateway.
    const settingsKeys = await Promise.all(gateways.map(settingsKeyOf));
    if (gateways.some((g, i) => stored.get(g.configFile)!.settingsKey !== settingsKeys[i])) return miss('the editor settings changed');
    // After the settings' round trips, synchronously up to the findings being set: no edit lands in between.
    const changed = changedInput(this.host, entry.inputs);
    if (changed !== undefined) return miss(`${changed} changed`);
    for (const gateway of gateways) {
      if (gateway.restored !== undefined || !gateway.dirty) return []; // checked meanwhile (a pull got there first)
    }
    for (const gateway of gateways) registry.restore(gateway, stored.get(gateway.configFile)!.findings, entry.inputs);
    this.storedStamp = RESTORED;
    this.dropped = false;
    this.restoredFindings = new Map(gateways.map((g) => [g.configFile, g.findings]));
    this.store.used(text);
    this.log.info(`[sag] ${gateways.length} gateway(s) shown from the findings cache in ${(performance.now() - started).toFixed(0)} ms; checking them again`);
    return gateways;
  }

  /** Findings shown from the cache no longer held (an input changed before the check at start): that check stores its own. */
  restoredDropped(): void {
    this.dropped = true;
  }

  /**
   * Store the findings of the gateways the search found under what their checks read, when they stand for what is
   * there now: every gateway checked since its last change, and every answer its checks got still the same (a file
   * changed unseen, a file created in a folder they listed: not stored). After the check at start, and at shutdown.
   */
  save(registry: GatewayRegistry, key: CheckKey, atStart = false): void {
    if (!this.store) return;
    const gateways = registry.found();
    if (gateways.length === 0 || gateways.some((g) => g.dirty || g.settingsKey === undefined)) return;
    const stamp = gateways.map((g) => g.generation).join(',');
    // Read back at start and confirmed by the check at start (it found what was shown, and nothing dropped them
    // before it): what the cache holds already. Otherwise (an input the entry did not hold, a change before that
    // check, an edit while it ran) they are stored now, or at shutdown. Compared here, after the check, not when
    // shown: serialising 4,000 findings would delay the first diagnostics.
    if (this.storedStamp === RESTORED && atStart) {
      const same = !this.dropped && gateways.every((g) => sameFindings(this.restoredFindings?.get(g.configFile), g.findings));
      this.storedStamp = same ? stamp : undefined;
      this.restoredFindings = undefined;
    }
    if (stamp === this.storedStamp) return;
    const snapshot = this.recorder.snapshot(this.host);
    if ('changed' in snapshot) {
      this.log.info(`[sag] findings cache not updated: ${snapshot.changed} changed since the checks read it`);
      return;
    }
    try {
      this.store.write(keyText(key), {
        inputs: snapshot.inputs,
        gateways: gateways.map((g) => ({ configFile: g.configFile, settingsKey: g.settingsKey!, findings: g.findings })),
      });
      this.storedStamp = stamp;
    } catch (error) {
      this.log.info(`[sag] findings cache not written (${this.store.directory}): ${String(error)}`);
    }
  }
}

function sameFindings(shown: readonly Finding[] | undefined, checked: readonly Finding[]): boolean {
  return shown !== undefined && shown.length === checked.length && JSON.stringify(shown) === JSON.stringify(checked);
}

/** storedStamp after a read back, until the check confirming it is over. */
const RESTORED = 'restored';

function keyText(key: CheckKey): string {
  return JSON.stringify({ roots: [...key.roots].sort(), options: key.options });
}
