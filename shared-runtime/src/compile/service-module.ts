// Resolves a `service` module's default export into a per-request handler factory (E.4), or says why it cannot work.

import type { ServiceFactory } from './compiled-gateway';
import type { ServiceHandler } from '../gateway/types';

const hasFetch = (v: unknown): boolean => typeof v === 'object' && v !== null && typeof (v as { fetch?: unknown }).fetch === 'function';

export function resolveServiceModule(alias: string, module: unknown): { create: ServiceFactory } | { error: string } {
  if (module === undefined || module === null) {
    return { error: `service \`${alias}\` has no module: pass it to createGateway({ services: { "${alias}": module } }) (sag build generates this)` };
  }
  const exported = typeof module === 'object' && 'default' in module ? (module as { default: unknown }).default : module;
  if (typeof exported === 'function') {
    const proto = (exported as { prototype?: unknown }).prototype;
    if (proto && typeof (proto as { fetch?: unknown }).fetch === 'function') {
      const Ctor = exported as new (ctx: unknown, env: unknown) => ServiceHandler;
      // Constructed per request with (ctx, env), as a WorkerEntrypoint expects; plain classes ignore the arguments.
      return { create: (env, ctx) => new Ctor(ctx, env) };
    }
    return { error: `service \`${alias}\`: the default export is a function without a \`fetch\` method on its prototype; export a class with fetch(request, env, ctx, context) or an object { fetch }` };
  }
  if (hasFetch(exported)) {
    const handler = exported as ServiceHandler;
    return { create: () => handler };
  }
  return { error: `service \`${alias}\`: the module has no default export with \`fetch\`; export default a class with fetch(request, env, ctx, context) or an object { fetch }` };
}
