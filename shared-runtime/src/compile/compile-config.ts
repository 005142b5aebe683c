// One config text (or object) -> a CompiledGateway or the list of reasons it is refused (E.1). Never throws.

import { createAuthorizer } from '../auth/index';
import { compileCors } from '../cors/cors';
import { DEFAULT_MAX_BODY_BYTES } from '../http/limits';
import { compileRouter } from '../router/route-trie';
import type { CompiledGateway, GatewaySettings } from './compiled-gateway';
import type { ConfigError } from './config-error';
import { normaliseConfig } from './normalise';
import { checkReferences } from './reference-check';
import { schemaErrors } from './schema-check';
import { substituteEnv } from './substitute';
import { encodeLiteralSegments } from './route-pattern';

export type CompileResult =
  | { ok: true; gateway: CompiledGateway; missingEnv: string[] }
  | { ok: false; errors: ConfigError[]; missingEnv: string[] };

export interface CompileInput {
  /** The config object, or its JSON text. */
  source: unknown;
  env: Record<string, unknown>;
  services: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function compileConfig({ source, env, services }: CompileInput): CompileResult {
  let raw: unknown = source;
  if (typeof source === 'string') {
    try {
      raw = JSON.parse(source);
    } catch (error) {
      return { ok: false, errors: [{ pointer: '', message: `the config is not valid JSON: ${(error as Error).message}` }], missingEnv: [] };
    }
  }
  if (!isObject(raw)) return { ok: false, errors: [{ pointer: '', message: 'the config must be a JSON object with a `paths` array' }], missingEnv: [] };

  // Text parsed here is ours alone, so it is substituted in place; a passed object is copied, never mutated.
  const { value, missing } = substituteEnv(raw, env, typeof source === 'string');
  const config = normaliseConfig(value) as Record<string, unknown>;
  const errors = schemaErrors(config);
  const authorizer = config.authorizer === undefined ? null : createAuthorizer(config.authorizer);
  const references = checkReferences({ config, services, authorizer });
  errors.push(...references.errors);
  if (errors.length > 0) return { ok: false, errors, missingEnv: missing };

  const routes = references.routes;
  // A compiled route is already a router input; a copy is made only for a path whose literals need encoding.
  const router = compileRouter(
    routes.map((r) => {
      const path = encodeLiteralSegments(r.path);
      return path === r.path ? r : { method: r.method, path };
    }),
  );
  const gateway: CompiledGateway = {
    router,
    routes,
    cors: compileCors(config.cors),
    authorizer: authorizer && !('error' in authorizer) ? authorizer : null,
    authorizerConfig: isObject(config.authorizer) ? config.authorizer : null,
    variables: isObject(config.variables) ? config.variables : {},
    settings: readSettings(env),
  };
  return { ok: true, gateway, missingEnv: missing };
}

function readSettings(env: Record<string, unknown>): GatewaySettings {
  const limit = Number(env.SAG_MAX_BODY_BYTES);
  return {
    maxBodyBytes: Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : DEFAULT_MAX_BODY_BYTES,
    poweredBy: poweredByOf(env.SAG_POWERED_BY),
  };
}

/** Visible ASCII and spaces: a header value every runtime sends (a line break would make every response throw). */
const HEADER_VALUE = /^[\x20-\x7e]+$/;

function poweredByOf(powered: unknown): string | null {
  if (typeof powered !== 'string' || powered.trim() === '' || powered === 'false') return null;
  if (powered === 'true' || powered === '1') return 'serverless-api-gateway';
  if (HEADER_VALUE.test(powered)) return powered;
  console.warn('[sag] SAG_POWERED_BY is not a header value (visible ASCII only): X-Powered-By is not sent');
  return null;
}
