// pre_process and post_process (SPEC E.3): what a hook may return and what the gateway does with it.

import type { HookTarget } from '../compile/compiled-gateway';
import { describeError } from '../gateway/describe-error';
import type { GatewayContext } from '../gateway/types';
import { disposeRpcResult } from '../integrations/dispose-result';
import { BindingMissingError, callBinding } from '../integrations/service-binding';

export class HookContractError extends Error {}

/** A hook that threw (or whose RPC call failed): the log line names the hook (E.3), the client gets the 500. */
export class HookFailedError extends Error {}

export type PreProcessOutcome = { kind: 'continue'; request: Request | null } | { kind: 'respond'; response: Response };

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${(value as object).constructor?.name ?? 'Object'})` : `a ${typeof value}`;
}

const hookName = (kind: string, t: HookTarget) => `${kind} hook \`${t.alias}\` (binding ${t.binding}, function ${t.function ?? 'fetch'})`;

async function callHook(kind: 'pre_process' | 'post_process', env: Record<string, unknown>, target: HookTarget, args: unknown[]): Promise<unknown> {
  try {
    return await callBinding(env, target, args);
  } catch (error) {
    if (error instanceof BindingMissingError) throw error; // names the binding and the fix already
    throw new HookFailedError(`${hookName(kind, target)} threw ${describeError(error)}`);
  }
}

/** Response short-circuits; undefined/null/true continue; a Request replaces the request; anything else is an error. */
export async function runPreProcess(env: Record<string, unknown>, target: HookTarget, request: Request, context: GatewayContext): Promise<PreProcessOutcome> {
  const result = await callHook('pre_process', env, target, [request, context]);
  if (result instanceof Response) return { kind: 'respond', response: result };
  if (result === undefined || result === null || result === true) return { kind: 'continue', request: null };
  if (result instanceof Request) return { kind: 'continue', request: result };
  const error = new HookContractError(`${hookName('pre_process', target)} returned ${describeValue(result)}; return undefined to continue, a Request to replace the request, or a Response to answer`);
  disposeRpcResult(result);
  throw error;
}

/** Response replaces; undefined/null keep the gateway's response; anything else is an error. */
export async function runPostProcess(
  env: Record<string, unknown>,
  target: HookTarget,
  response: Response,
  request: Request,
  context: GatewayContext,
): Promise<Response> {
  // The hook gets a copy: if it keeps ours, the body must still be readable.
  let result: unknown;
  try {
    result = await callHook('post_process', env, target, [response.clone(), request, context]);
  } catch (error) {
    discardBody(response);
    throw error;
  }
  if (result === undefined || result === null) return response;
  // Ours is never sent now: release it (an upstream fetch body holds its connection until read or cancelled).
  discardBody(response);
  if (result instanceof Response) return result;
  const error = new HookContractError(`${hookName('post_process', target)} returned ${describeValue(result)}; return undefined to keep the response or a Response to replace it`);
  disposeRpcResult(result);
  throw error;
}

function discardBody(response: Response): void {
  if (response.body !== null && !response.bodyUsed) response.body.cancel().catch(() => undefined);
}
