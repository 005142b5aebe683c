// SAG301 (used binding declared in no environment), SAG302 (declared in some environments but not this one:
// services are not inherited) and SAG303 (the name is another binding kind, or a Worker name): once per used
// serviceBindings entry and per checked environment, anchored on `serviceBindings[i].binding`.
import type { Fix, RelatedLocation, Severity } from '../../findings';
import type { ServiceBindingDecl, WranglerConfig, WranglerEnvironment } from '../../model';
import { askOnce } from '../../ask-once';
import { didYouMean, suggester, type Suggest } from '../../did-you-mean';
import { rangeOfNode } from '../../parse/config-document';
import { replaceString } from '../../fixes/json-edits';
import { addServiceBinding, copyServiceBinding, otherServiceFields, servicePlaceholder } from '../../fixes/wrangler-edits';
import type { RuleContext } from '../rule';
import { guessServiceName } from './bound-workers';
import { envSection, envSuffix, environmentIndex, nameList, servicesSection, wranglerFileName } from './environment-index';
import { gatewayUses, type UsedBinding } from './gateway-uses';

export function checkServiceBindings(ctx: RuleContext): void {
  const wrangler = ctx.project.wrangler;
  if (!wrangler || ctx.environments.length === 0) return;
  const { usedBindings } = gatewayUses(ctx.project.config);
  if (usedBindings.length === 0) return;
  // Where each binding is declared at all, across every environment of the file (checked or not).
  const declaredIn = new Map<string, { env: WranglerEnvironment; decl: ServiceBindingDecl }[]>();
  for (const env of wrangler.environments) {
    for (const [binding, decl] of environmentIndex(env).services) {
      const list = declaredIn.get(binding);
      if (list) list.push({ env, decl });
      else declaredIn.set(binding, [{ env, decl }]);
    }
  }
  for (const env of ctx.environments) {
    const index = environmentIndex(env);
    for (const used of usedBindings) {
      if (index.services.has(used.binding)) continue;
      const other = index.others.get(used.binding);
      if (other) {
        reportOtherKind(ctx, wrangler, env, used, other.kind, { file: wrangler.file, range: other.name.range, message: `\`${used.binding}\` is declared here as ${kindLabel(other.kind)}` });
        continue;
      }
      const byService = index.byServiceName.get(used.binding);
      if (byService) {
        reportWorkerName(ctx, wrangler, env, used, byService);
        continue;
      }
      const elsewhere = declaredIn.get(used.binding);
      if (elsewhere && elsewhere.length > 0) reportNotInherited(ctx, wrangler, env, used, elsewhere);
      else reportUndeclared(ctx, wrangler, env, used);
    }
  }
}

function usesText(used: UsedBinding): string {
  const first = used.uses[0]!;
  const call = first.functionName !== undefined ? `env.${used.binding}.${first.functionName}()` : `env.${used.binding}`;
  const what = first.kind === 'integration' ? 'the service_binding integration' : first.kind === 'pre_process' ? 'the pre_process hook' : 'the post_process hook';
  return `${what} calling ${call}`;
}

function useLocations(ctx: RuleContext, used: UsedBinding): RelatedLocation[] {
  const doc = ctx.project.config;
  return used.uses.slice(0, 5).map((u) => ({ file: doc.file, range: rangeOfNode(doc, u.aliasNode), message: `alias \`${used.alias}\` is used here (${u.kind})` }));
}

/**
 * An environment's service binding names and suggestions from them, memoised per parsed environment (500 names,
 * every edit; a finding per route that names an undeclared binding must not list them again each time).
 */
interface DeclaredBindings {
  names: string[];
  suggest: Suggest;
  memo: Map<string, string | undefined>;
}

function declaredBindings(env: WranglerEnvironment): DeclaredBindings {
  return askOnce(env, 'declared bindings', () => {
    const names = [...environmentIndex(env).services.keys()];
    return { names, suggest: suggester(names), memo: new Map() };
  });
}

function closestDeclared(env: WranglerEnvironment, name: string): string | undefined {
  const { suggest, memo } = declaredBindings(env);
  if (!memo.has(name)) memo.set(name, suggest(name));
  return memo.get(name);
}

function reportUndeclared(ctx: RuleContext, wrangler: WranglerConfig, env: WranglerEnvironment, used: UsedBinding): void {
  const declared = declaredBindings(env).names;
  const match = closestDeclared(env, used.binding);
  const close = match !== used.binding ? match : undefined;
  const fileName = wranglerFileName(wrangler);
  const guess = guessServiceName(ctx.project, used.binding, used.alias, env.name);
  const edits = addServiceBinding(wrangler, env.name, used.binding, guess.service);
  const fixes: Fix[] = [];
  // The binding may sit on a line that does not parse (SAG315): adding it unattended could declare it twice.
  const unparsed = wrangler.syntaxErrors.length > 0;
  if (edits) {
    const placeholder = guess.inferred ? undefined : servicePlaceholder(edits, guess.service);
    fixes.push({
      title: `Add binding \`${used.binding}\` to ${fileName}${env.name === '' ? '' : ` ${envSection(wrangler, env.name)}`} (service \`${guess.service}\`${guess.inferred ? '' : ', a guess: check the Worker name'})`,
      safe: guess.inferred && !unparsed,
      edits,
      ...(placeholder ? { placeholder } : {}),
    });
  }
  if (close !== undefined) fixes.push({ title: `Use the declared binding \`${close}\``, safe: false, edits: [replaceString(ctx.project.config, used.bindingNode, close)] });
  ctx.report({
    code: 'SAG301',
    message:
      `binding \`${used.binding}\` is not declared in ${fileName} (declared: ${nameList(declared)})${close !== undefined ? `; did you mean \`${close}\`?` : ''}` +
      `${unparsed ? ` or sits where ${fileName} does not parse (SAG315)` : ''}: ` +
      `env.${used.binding} is undefined, so ${usesText(used)} answers 500; add it to \`services\` in ${envSection(wrangler, env.name)}${envSuffix(wrangler, env)}`,
    file: ctx.project.config.file,
    range: rangeOfNode(ctx.project.config, used.bindingNode),
    pointer: used.pointer,
    env: env.name,
    related: [{ file: wrangler.file, range: env.range, message: `${envSection(wrangler, env.name)} of ${fileName}` }, ...useLocations(ctx, used)],
    fixes,
  });
}

function reportNotInherited(ctx: RuleContext, wrangler: WranglerConfig, env: WranglerEnvironment, used: UsedBinding, elsewhere: { env: WranglerEnvironment; decl: ServiceBindingDecl }[]): void {
  const source = elsewhere.find((e) => e.env.name === '') ?? elsewhere[0]!;
  const where = elsewhere.map((e) => envSection(wrangler, e.env.name)).join(', ');
  const deployHow = env.name === '' ? 'deploying without --env' : `deploying with --env ${env.name}`;
  const severity: Severity = ctx.deployedEnvironments.has(env.name) ? 'error' : 'warning';
  const workspaceTarget = envTargetOf(ctx, source.decl, env.name);
  // The top level's entry copies as it is (SPEC D). Another environment's `service` names that environment's
  // deployment (`hooks-staging`, B.1): copied elsewhere it would bind the wrong Worker, so unless the workspace
  // knows the target, the name is a guess (its `-<env>` suffix swapped) that the user must confirm.
  const guessed = workspaceTarget === undefined && source.env.name !== '' && source.env.name !== env.name ? swapEnvironmentSuffix(source.decl.service?.value, source.env.name, env.name) : undefined;
  const service = workspaceTarget ?? guessed;
  // Every field of the entry goes along (props, remote, …); `environment` too, but not beside a `service` that
  // already names that environment's deployment.
  const others = otherServiceFields(wrangler, source.env.name, source.decl);
  const { environment: _environment, ...withoutEnvironment } = others ?? {};
  const edits =
    service === undefined
      ? copyServiceBinding(wrangler, source.decl, source.env.name, env.name)
      : others && addServiceBinding(wrangler, env.name, used.binding, service, source.decl.entrypoint?.value, withoutEnvironment);
  const placeholder = guessed !== undefined && edits ? servicePlaceholder(edits, guessed) : undefined;
  const targetText =
    workspaceTarget !== undefined
      ? ` (service \`${workspaceTarget}\`, that Worker's ${env.name === '' ? 'top-level' : env.name} deployment)`
      : guessed !== undefined
        ? ` (service \`${guessed}\`, a guess from ${envSection(wrangler, source.env.name)}'s \`${source.decl.service?.value}\`: check the Worker name)`
        : '';
  ctx.report({
    code: 'SAG302',
    severity,
    message:
      `binding \`${used.binding}\` is declared in ${where} of ${wranglerFileName(wrangler)} but not in ${envSection(wrangler, env.name)} (service bindings are not inherited): ` +
      `${deployHow} gives a gateway without env.${used.binding}, so ${usesText(used)} answers 500${envSuffix(wrangler, env)}`,
    file: ctx.project.config.file,
    range: rangeOfNode(ctx.project.config, used.bindingNode),
    pointer: used.pointer,
    env: env.name,
    related: elsewhere.map((e) => ({ file: wrangler.file, range: e.decl.binding.range, message: `\`${used.binding}\` declared in ${envSection(wrangler, e.env.name)}` })),
    fixes: edits
      ? [{ title: `Copy binding \`${used.binding}\` into ${servicesSection(wrangler, env.name)}${targetText}`, safe: guessed === undefined, edits, ...(placeholder ? { placeholder } : {}) }]
      : [],
  });
}

/**
 * `service` of one environment's entry as the other environment's deployment would be named (B.1: `<worker>-<env>`
 * for a named environment, `<worker>` for the top level): `hooks-staging` from staging is `hooks` at the top level
 * and `hooks-production` in production. A name without the suffix loses nothing (only the target suffix changes).
 */
function swapEnvironmentSuffix(service: string | undefined, fromEnv: string, toEnv: string): string | undefined {
  if (service === undefined) return undefined;
  const base = service.endsWith(`-${fromEnv}`) ? service.slice(0, -fromEnv.length - 1) : service;
  return toEnv === '' ? base : `${base}-${toEnv}`;
}

/**
 * When the copied entry's target Worker is in the workspace and deploys the same environment under another name
 * (`hooks` -> `hooks-staging`), the copy should bind that deployment; undefined = copy `service` as is.
 */
function envTargetOf(ctx: RuleContext, decl: ServiceBindingDecl, envName: string): string | undefined {
  const service = decl.service?.value;
  const target = service !== undefined ? ctx.project.workers.deployedAs(service) : undefined;
  if (!target) return undefined;
  const env = target.worker.wrangler.environments.find((e) => e.name === envName);
  const name = envName === '' ? target.worker.name : env?.workerName;
  return name !== undefined && name !== service ? name : undefined;
}

function kindLabel(kind: string): string {
  return kind === 'vars' ? 'a [vars] entry' : `a \`${kind}\` binding`;
}

function reportOtherKind(ctx: RuleContext, wrangler: WranglerConfig, env: WranglerEnvironment, used: UsedBinding, kind: string, related: RelatedLocation): void {
  const declared = declaredBindings(env).names;
  const close = closestDeclared(env, used.binding);
  ctx.report({
    code: 'SAG303',
    message:
      `\`${used.binding}\` is declared in ${wranglerFileName(wrangler)} as ${kindLabel(kind)}, not as a service binding: ${usesText(used)} fails with 500` +
      `${declared.length > 0 ? ` (service bindings: ${nameList(declared)})` : ''}${didYouMean(used.binding, () => close)}${envSuffix(wrangler, env)}`,
    file: ctx.project.config.file,
    range: rangeOfNode(ctx.project.config, used.bindingNode),
    pointer: used.pointer,
    env: env.name,
    related: [related],
    fixes: close !== undefined ? [{ title: `Use the service binding \`${close}\``, safe: false, edits: [replaceString(ctx.project.config, used.bindingNode, close)] }] : [],
  });
}

function reportWorkerName(ctx: RuleContext, wrangler: WranglerConfig, env: WranglerEnvironment, used: UsedBinding, decl: ServiceBindingDecl): void {
  const binding = decl.binding.value;
  ctx.report({
    code: 'SAG303',
    message:
      `\`${used.binding}\` is the Worker name (\`service\`) of binding \`${binding}\` in ${wranglerFileName(wrangler)}, not a binding name: ` +
      `serviceBindings[].binding must name the env binding, so ${usesText(used)} fails with 500; use \`${binding}\`${envSuffix(wrangler, env)}`,
    file: ctx.project.config.file,
    range: rangeOfNode(ctx.project.config, used.bindingNode),
    pointer: used.pointer,
    env: env.name,
    related: [{ file: wrangler.file, range: decl.range, message: `binding \`${binding}\` targets Worker \`${used.binding}\`` }],
    fixes: [{ title: `Use the binding name \`${binding}\``, safe: true, edits: [replaceString(ctx.project.config, used.bindingNode, binding)] }],
  });
}
