// SAG306 (`$env.X` with X in neither the environment's vars nor .dev.vars: replaced by ""), SAG307 (`$secret.X`
// not in .dev.vars: deployed secrets cannot be seen) and SAG308 (supabase routes without their two env names),
// once per checked environment, anchored on the api-config.json value that needs the name.
import type { GatewayProject, WranglerConfig, WranglerEnvironment } from '../../model';
import { rangeOfNode } from '../../parse/config-document';
import { addVar } from '../../fixes/wrangler-edits';
import type { RuleContext } from '../rule';
import { devVarNames, devVarsFileNames, envFlag, envSection, envSuffix, environmentIndex, wranglerFileName } from './environment-index';
import type { RouteView } from '../schema/config-view';
import { gatewayUses, outsidePlaceholders, routeUses, type EnvPlaceholder } from './gateway-uses';

const SUPABASE_NAMES = ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'] as const;

type Names = { vars: Set<string>; bindings: Set<string>; devVars: Set<string> };

/** Per loaded project (one analysis), so that routes checked one by one build each environment's names once. */
const namesOfProject = new WeakMap<GatewayProject, Map<WranglerEnvironment, Names>>();

/** Every name the environment's `env` will hold: vars, bindings of any kind, and (locally) .dev.vars. */
function namesIn(ctx: RuleContext, env: WranglerEnvironment): Names {
  let byEnv = namesOfProject.get(ctx.project);
  if (!byEnv) namesOfProject.set(ctx.project, (byEnv = new Map()));
  let names = byEnv.get(env);
  if (!names) {
    const index = environmentIndex(env);
    names = { vars: new Set(env.vars.keys()), bindings: new Set([...index.services.keys(), ...index.others.keys()]), devVars: devVarNames(ctx.project, env.name) };
    byEnv.set(env, names);
  }
  return names;
}

function devVarsLabel(ctx: RuleContext, envName: string): string {
  const files = devVarsFileNames(ctx.project, envName);
  return files.length > 0 ? files.join('/') : '.dev.vars';
}

/** SAG306/SAG307 for the placeholders in one path item. */
export function checkRouteVariables(ctx: RuleContext, route: RouteView): void {
  const wrangler = ctx.project.wrangler;
  if (!wrangler) return;
  const { placeholders } = routeUses(route, ctx.project.config.text);
  if (placeholders.length > 0) for (const env of ctx.environments) checkPlaceholders(ctx, wrangler, env, placeholders);
}

/** SAG306/SAG307 outside the path items, and SAG308. */
export function checkVariables(ctx: RuleContext): void {
  const wrangler = ctx.project.wrangler;
  if (!wrangler) return;
  const { supabaseTypes } = gatewayUses(ctx.project.config);
  const placeholders = outsidePlaceholders(ctx.project.config);
  if (placeholders.length === 0 && supabaseTypes.length === 0) return;
  for (const env of ctx.environments) {
    checkPlaceholders(ctx, wrangler, env, placeholders);
    checkSupabase(ctx, wrangler, env, namesIn(ctx, env), supabaseTypes);
  }
}

function checkPlaceholders(ctx: RuleContext, wrangler: WranglerConfig, env: WranglerEnvironment, placeholders: EnvPlaceholder[]): void {
  const doc = ctx.project.config;
  {
    const names = namesIn(ctx, env);
    const suffix = envSuffix(wrangler, env);
    const varsSection = envSection(wrangler, env.name, 'vars');
    for (const p of placeholders) {
      if (names.vars.has(p.name) || names.bindings.has(p.name) || names.devVars.has(p.name)) continue;
      if (p.prefix === '$env.') {
        const edits = addVar(wrangler, env.name, p.name, '');
        ctx.report({
          code: 'SAG306',
          message: `\`$env.${p.name}\` has no value: ${p.name} is in neither ${varsSection} of ${wranglerFileName(wrangler)} nor ${devVarsLabel(ctx, env.name)}, so the gateway substitutes "" without any message${suffix}`,
          file: doc.file,
          range: rangeOfNode(doc, p.node),
          pointer: p.pointer,
          env: env.name,
          related: [{ file: wrangler.file, range: env.range, message: `${envSection(wrangler, env.name)} of ${wranglerFileName(wrangler)}` }],
          fixes: edits ? [{ title: `Add \`${p.name} = ""\` to ${varsSection} (fill in the value)`, safe: false, edits }] : [],
        });
      } else {
        const command = `wrangler secret put ${p.name}${envFlag(env.name)}`;
        ctx.report({
          code: 'SAG307',
          message: `\`${p.prefix}${p.name}\` is not in ${devVarsLabel(ctx, env.name)}: if the secret is not set on the deployed Worker either, the gateway substitutes ""; set it with \`${command}\`${suffix}`,
          file: doc.file,
          range: rangeOfNode(doc, p.node),
          pointer: p.pointer,
          env: env.name,
          related: [],
          fixes: [{ title: `Set the secret ${p.name}${envNote(env.name)} (run by hand)`, safe: false, edits: [], command }],
        });
      }
    }
  }
}

function checkSupabase(ctx: RuleContext, wrangler: WranglerConfig, env: WranglerEnvironment, names: ReturnType<typeof namesIn>, supabaseTypes: ReturnType<typeof gatewayUses>['supabaseTypes']): void {
  const first = supabaseTypes[0];
  if (!first) return;
  const doc = ctx.project.config;
  for (const name of SUPABASE_NAMES) {
    if (names.vars.has(name) || names.devVars.has(name) || names.bindings.has(name)) continue;
    const isSecret = name === 'SUPABASE_SERVICE_ROLE_KEY';
    const command = `wrangler secret put ${name}${envFlag(env.name)}`;
    const edits = isSecret ? undefined : addVar(wrangler, env.name, name, '');
    ctx.report({
      code: 'SAG308',
      message: `supabase integrations need ${name}, which is in neither ${envSection(wrangler, env.name, 'vars')} of ${wranglerFileName(wrangler)} nor ${devVarsLabel(ctx, env.name)}: they answer 500 SUPABASE_ENV_MISSING; ${isSecret ? `set the secret with \`${command}\`` : `add ${name} to ${envSection(wrangler, env.name, 'vars')}`}${envSuffix(wrangler, env)}`,
      file: doc.file,
      range: rangeOfNode(doc, first),
      env: env.name,
      related: supabaseTypes.slice(1, 6).map((node) => ({ file: doc.file, range: rangeOfNode(doc, node), message: 'another supabase integration' })),
      fixes: edits
        ? [{ title: `Add \`${name} = ""\` to ${envSection(wrangler, env.name, 'vars')} (fill in the project URL)`, safe: false, edits }]
        : [{ title: `Set the secret ${name}${envNote(env.name)} (run by hand)`, safe: false, edits: [], command }],
    });
  }
}

/** Which Worker a secret is set on, in a fix title: the same name is asked for once per environment. */
function envNote(envName: string): string {
  return envName === '' ? '' : ` for env \`${envName}\``;
}
