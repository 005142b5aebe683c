// Where the config comes from and how long a compile lives (SPEC E.1): SAG_API_CONFIG_JSON > KV `CONFIG` key
// `api-config.json` (re-read at most every SAG_CONFIG_TTL seconds, recompiled only when its text changed) > the
// config passed to createGateway. Each distinct source is compiled once per isolate; concurrent first requests share it.

import { compileConfig, type CompileResult } from '../compile/compile-config';

export const KV_CONFIG_KEY = 'api-config.json';
export const DEFAULT_CONFIG_TTL_SECONDS = 60;

interface KvLike {
  get(key: string, type?: 'text'): Promise<string | null>;
}

interface CacheEntry {
  /** The source this compile came from: the text, or the passed object itself. */
  key: unknown;
  result: Promise<CompileResult>;
}

export interface ConfigSource {
  current(env: Record<string, unknown>): Promise<CompileResult>;
}

const isKv = (v: unknown): v is KvLike => typeof v === 'object' && v !== null && typeof (v as KvLike).get === 'function';

export function createConfigSource(passed: unknown, services: Record<string, unknown>): ConfigSource {
  let compiled: CacheEntry | null = null;
  let kvCheckedAt = -Infinity;
  // The latest KV read, shared by every request that arrives while it is in flight.
  let kvRead: Promise<string | null> = Promise.resolve(null);

  const compileOnce = (key: unknown, source: unknown, env: Record<string, unknown>): Promise<CompileResult> => {
    if (compiled && compiled.key === key) return compiled.result;
    const result = Promise.resolve().then(() => {
      const outcome = compileConfig({ source, env, services });
      report(outcome);
      return outcome;
    });
    compiled = { key, result };
    return result;
  };

  return {
    async current(env) {
      const inline = env.SAG_API_CONFIG_JSON;
      if (typeof inline === 'string' && inline.trim() !== '') return compileOnce(inline, inline, env);

      if (isKv(env.CONFIG)) {
        const ttl = ttlMs(env.SAG_CONFIG_TTL);
        const now = Date.now();
        if (now - kvCheckedAt >= ttl) {
          kvCheckedAt = now;
          kvRead = env.CONFIG.get(KV_CONFIG_KEY, 'text');
          // A failed read is retried by the next request instead of waiting out the TTL.
          kvRead.catch(() => (kvCheckedAt = -Infinity));
        }
        const kvText = await kvRead;
        if (typeof kvText === 'string') return compileOnce(kvText, kvText, env);
      }
      if (passed === undefined || passed === null) {
        return { ok: false, errors: [{ pointer: '', message: `no config: set SAG_API_CONFIG_JSON, put \`${KV_CONFIG_KEY}\` in the CONFIG KV namespace, or pass { config } to createGateway` }], missingEnv: [] };
      }
      return compileOnce(passed, passed, env);
    },
  };
}

function ttlMs(value: unknown): number {
  const seconds = Number(value ?? DEFAULT_CONFIG_TTL_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_CONFIG_TTL_SECONDS) * 1000;
}

/** Logged once per compile: each refusal reason with its pointer, and missing env names (never values). */
function report(outcome: CompileResult): void {
  if (outcome.missingEnv.length > 0) {
    console.warn(`[sag] config references env bindings that do not exist (substituted with ""): ${outcome.missingEnv.join(', ')}`);
  }
  if (!outcome.ok) {
    for (const error of outcome.errors) console.error(`[sag] config error at ${error.pointer || '/'}: ${error.message}`);
  }
}
