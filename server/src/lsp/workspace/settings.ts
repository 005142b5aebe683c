// Editor settings (`sag.runtime`, `sag.environments`, `sag.rules`) per gateway folder, asked from the client with
// workspace/configuration and cached until didChangeConfiguration. A `.sagrc.json` still wins (analyze.ts, SPEC E.0).
import type { Connection } from 'vscode-languageserver/node';
import type { EditorSettings } from '../../analysis/analyze';
import type { Severity } from '../../analysis/findings';
import { SETTINGS_SECTION } from '../protocol';
import { pathToUri } from '../uri';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Untrusted input (any client may send anything) to EditorSettings: unknown values are dropped, never thrown on. */
export function toEditorSettings(raw: unknown): EditorSettings {
  if (!raw || typeof raw !== 'object') return {};
  const value = raw as Record<string, unknown>;
  const out: EditorSettings = {};
  if (value.runtime === 'bundled' || value.runtime === 'upstream') out.runtime = value.runtime;
  if (Array.isArray(value.environments) && value.environments.every((e) => typeof e === 'string')) out.environments = value.environments as string[];
  if (value.rules && typeof value.rules === 'object' && !Array.isArray(value.rules)) {
    const rules: Record<string, Severity | 'off'> = {};
    for (const [code, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[code.toUpperCase()] = severity as Severity | 'off';
    }
    if (Object.keys(rules).length > 0) out.rules = rules;
  }
  return out;
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<EditorSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: EditorSettings = {};

  constructor(
    private readonly connection: Connection,
    private readonly clientPulls: boolean,
  ) {}

  /** Settings for the gateway whose folder is `root`. */
  forFolder(root: string): Promise<EditorSettings> {
    if (!this.clientPulls) return Promise.resolve(this.pushed);
    let pending = this.cache.get(root);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: pathToUri(root), section: SETTINGS_SECTION })
        .then(toEditorSettings, () => ({}));
      this.cache.set(root, pending);
    }
    return pending;
  }

  /** didChangeConfiguration: forget every cached answer; `settings` is what push-only clients send. */
  changed(settings: unknown): void {
    this.cache.clear();
    const section = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    this.pushed = toEditorSettings(section);
  }
}
