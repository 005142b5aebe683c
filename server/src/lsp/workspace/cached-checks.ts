// The workspace check at start, through the findings cache (host/findings-cache.ts): its inputs are recorded while
// it runs and its findings stored under them; when the same workspace is opened again and every recorded input
// reads the same (files, listings, the editor settings of each gateway), the stored findings are shown at once and
// the check that follows confirms them. A gateway whose input changes meanwhile loses them (inputsOfPathHold).
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
  /** Whether the check at start found its findings in the cache (then nothing is stored after it). */
  private restored = false;

  constructor(
    private readonly store: FindingsCache | undefined,
    private readonly recorder: RecordingFileHost,
    /** The host the checks read (open documents over the disk), not recording. */
    private readonly host: FileHost,
    private readonly log: Logger,
  ) {}

  /** The check at start begins: record what it reads. */
  begin(): void {
    this.restored = false;
    if (this.store) this.recorder.start();
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
    this.restored = true;
    this.store.used(text);
    this.log.info(`[sag] ${gateways.length} gateway(s) shown from the findings cache in ${(performance.now() - started).toFixed(0)} ms; checking them again`);
    return gateways;
  }

  /** The check at start is over: store its findings under what it read, unless they came from the cache. */
  finish(registry: GatewayRegistry, key: CheckKey): void {
    const inputs = this.recorder.stop();
    if (!this.store || !inputs || this.restored) return;
    const gateways = registry.all();
    // A gateway edited during the check (dirty again) has findings of no single state of its files.
    if (gateways.length === 0 || gateways.some((g) => g.dirty || g.settingsKey === undefined)) return;
    try {
      this.store.write(keyText(key), {
        inputs,
        gateways: gateways.map((g) => ({ configFile: g.configFile, settingsKey: g.settingsKey!, findings: g.findings })),
      });
    } catch (error) {
      this.log.info(`[sag] findings cache not written (${this.store.directory}): ${String(error)}`);
    }
  }
}

function keyText(key: CheckKey): string {
  return JSON.stringify({ roots: [...key.roots].sort(), options: key.options });
}
