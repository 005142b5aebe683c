// What a `$env.X` / `$secret.X` / `$secrets.X` placeholder resolves to in one wrangler environment (SPEC A.8, B.6):
// the env's own `[vars]` (never inherited), then the `.dev.vars*` files that apply to it.
import type { Located, GatewayProject, WranglerEnvironment } from '../../model';

export type PlaceholderKind = 'env' | 'secret';

/** `$env.X` -> { kind: env, name: X }; `$secret.X` and `$secrets.X` -> kind secret. Only whole-value placeholders count. */
export function placeholderOf(value: string): { kind: PlaceholderKind; name: string } | undefined {
  if (value.startsWith('$env.')) return { kind: 'env', name: value.slice(5) };
  if (value.startsWith('$secrets.')) return { kind: 'secret', name: value.slice(9) };
  if (value.startsWith('$secret.')) return { kind: 'secret', name: value.slice(8) };
  return undefined;
}

export type Resolution =
  | { from: 'vars'; value: unknown; located: Located<unknown> }
  | { from: 'dev-vars'; value: string; file: string }
  | { from: 'nowhere' };

export function resolveInEnvironment(project: GatewayProject, env: WranglerEnvironment, name: string): Resolution {
  const fromVars = env.vars.get(name);
  if (fromVars) return { from: 'vars', value: fromVars.value, located: fromVars };
  // `.dev.vars.<env>` beats `.dev.vars` for that env.
  const specific = project.devVars.find((d) => d.env === env.name && d.env !== undefined && d.vars.has(name));
  const general = project.devVars.find((d) => d.env === undefined && d.vars.has(name));
  const devFile = specific ?? general;
  if (devFile) return { from: 'dev-vars', value: devFile.vars.get(name)!.value, file: devFile.file };
  return { from: 'nowhere' };
}

/** "(top level)" / "(env: staging)" for messages. */
export function envLabel(env: WranglerEnvironment): string {
  return env.name === '' ? '(top level)' : `(env: ${env.name})`;
}

/** `[vars]` / `[env.staging.vars]` as the user would look for it. */
export function varsTableLabel(env: WranglerEnvironment): string {
  return env.name === '' ? '[vars]' : `[env.${env.name}.vars]`;
}
