// Calls on bound Workers (SPEC E.3): `env[binding][function](...args)` or `env[binding].fetch(request)`. Only the
// request and the minimal context cross the boundary: never env, secrets or the config.

import type { HookTarget } from '../compile/compiled-gateway';

export class BindingMissingError extends Error {
  constructor(readonly target: HookTarget) {
    super(`service binding \`${target.binding}\` (alias \`${target.alias}\`) is not bound in env; declare it under [[services]] in wrangler.toml`);
  }
}

/** Invokes the target; an absent `function` means fetch(first argument). */
export async function callBinding(env: Record<string, unknown>, target: HookTarget, args: unknown[]): Promise<unknown> {
  const stub = env[target.binding] as Record<string, unknown> | undefined;
  if (stub === undefined || stub === null || (typeof stub !== 'object' && typeof stub !== 'function')) throw new BindingMissingError(target);
  const callable = stub as Record<string, (...a: unknown[]) => unknown>;
  // Called as a property of the stub: RPC stubs resolve methods by name, so no detaching or `apply`.
  return target.function ? await callable[target.function](...args) : await callable.fetch(args[0]);
}
