// SAG304: a used binding's `function` cannot exist on the bound Worker. When the target Worker's source is in
// the workspace (its deployed name equals the declaration's `service`), its selected entrypoint (the named
// `entrypoint` export or the default export) must be a WorkerEntrypoint subclass with that public method.
import type { Fix, RelatedLocation } from '../../findings';
import type { ClassFacts, ModuleFacts, ServiceBindingDecl, WranglerEnvironment } from '../../model';
import { didYouMean } from '../../did-you-mean';
import { rangeOfNode } from '../../parse/config-document';
import { addMethodStub } from '../../fixes/module-edits';
import { deployedModule } from '../../workspace/deployed-module';
import { exportedClass, exportedClassList } from '../../workspace/module-exports';
import { relativePath } from '../../workspace/paths';
import type { RuleContext } from '../rule';
import { envSuffix, environmentIndex, nameList } from './environment-index';
import { gatewayUses, type UsedBinding } from './gateway-uses';

interface Problem {
  functionName: string;
  message: string;
  related: RelatedLocation[];
  fix?: Fix;
}

export function checkTargetMethods(ctx: RuleContext): void {
  const wrangler = ctx.project.wrangler;
  const workers = ctx.project.workers;
  if (!wrangler || workers.size === 0) return;
  const { usedBindings } = gatewayUses(ctx.project.config);
  for (const env of ctx.environments) {
    const index = environmentIndex(env);
    for (const used of usedBindings) {
      const decl = index.services.get(used.binding);
      const service = decl?.service?.value;
      if (!decl || service === undefined) continue;
      const target = workers.deployedAs(service);
      const module = target ? deployedModule(target, ctx.modules) : undefined;
      if (!module || module.parseError) continue;
      const problems = problemsOf(ctx, used, decl, module, service);
      if (problems.length === 0) continue;
      report(ctx, env, used, problems);
    }
  }
}

function functionNames(ctx: RuleContext, used: UsedBinding): { name: string; node?: UsedBinding['uses'][number]['functionNode'] }[] {
  const seen = new Set<string>();
  const out: { name: string; node?: UsedBinding['uses'][number]['functionNode'] }[] = [];
  for (const use of used.uses) {
    // Bundled runtime: a service_binding integration without `function` calls fetch (SPEC E.3).
    const name = use.functionName ?? (ctx.runtime === 'bundled' && use.kind === 'integration' ? 'fetch' : undefined);
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, ...(use.functionNode ? { node: use.functionNode } : {}) });
  }
  return out;
}

function problemsOf(ctx: RuleContext, used: UsedBinding, decl: ServiceBindingDecl, module: ModuleFacts, service: string): Problem[] {
  const file = relativePath(ctx.project.root, module.file);
  const entrypoint = decl.entrypoint?.value;
  const problems: Problem[] = [];
  for (const fn of functionNames(ctx, used)) {
    const usedAt: RelatedLocation[] = fn.node ? [{ file: ctx.project.config.file, range: rangeOfNode(ctx.project.config, fn.node), message: `\`${fn.name}\` is called here` }] : [];
    if (entrypoint !== undefined) {
      const found = exportedClass(module, entrypoint, ctx.modules);
      // Re-exported from a module that cannot be read (a package, a missing file): not judged from here.
      if (found === 'unknown') continue;
      if (!found) {
        const names = exportedClassList(module, ctx.modules).map(([name]) => name);
        problems.push({ functionName: fn.name, message: `Worker \`${service}\` (${file}) exports no class \`${entrypoint}\` (the binding's \`entrypoint\`)${didYouMean(entrypoint, names)}`, related: [{ file: module.file, range: module.lines.rangeOf(0, 0), message: `main module of \`${service}\`` }, ...usedAt] });
        continue;
      }
      const declaredIn = found.module === module ? file : `${relativePath(ctx.project.root, found.module.file)}, re-exported by ${file}`;
      const problem = classProblem(ctx, found.cls, fn.name, `class \`${entrypoint}\` of Worker \`${service}\` (${declaredIn})`, found.module, usedAt);
      if (problem) problems.push(problem);
      continue;
    }
    const def = module.defaultExport;
    if (def?.kind === 'unresolved') {
      // `export { default } from './hooks'`: judged on the class it names, where that can be read.
      const found = exportedClass(module, 'default', ctx.modules);
      if (!found || found === 'unknown') continue;
      const declaredIn = `${relativePath(ctx.project.root, found.module.file)}, re-exported by ${file}`;
      const problem = classProblem(ctx, found.cls, fn.name, `the default export${found.cls.name ? ` \`${found.cls.name}\`` : ''} of Worker \`${service}\` (${declaredIn})`, found.module, usedAt);
      if (problem) problems.push(problem);
      continue;
    }
    if (!def || def.kind === 'other') continue;
    if (def.kind === 'object') {
      if (fn.name === 'fetch' && def.hasFetch) continue;
      problems.push({ functionName: fn.name, message: `the default export of Worker \`${service}\` (${file}) is a plain object, which exposes only \`fetch\` over a service binding, so \`${fn.name}()\` is an RPC error (500); export a class that extends WorkerEntrypoint`, related: [{ file: module.file, range: def.range, message: 'default export' }, ...usedAt] });
      continue;
    }
    if (!def.cls) continue;
    const problem = classProblem(ctx, def.cls, fn.name, `the default export${def.cls.name ? ` \`${def.cls.name}\`` : ''} of Worker \`${service}\` (${file})`, module, usedAt);
    if (problem) problems.push(problem);
  }
  return problems;
}

function classProblem(ctx: RuleContext, cls: ClassFacts, functionName: string, what: string, module: ModuleFacts, usedAt: RelatedLocation[]): Problem | undefined {
  const related: RelatedLocation[] = [{ file: module.file, range: cls.range, message: `the target class${cls.name ? ` \`${cls.name}\`` : ''}` }, ...usedAt];
  const method = cls.methods.get(functionName);
  if (functionName === 'fetch' && (method || cls.methods.has('fetch'))) return undefined;
  // Extending a class from another module: what it inherits (WorkerEntrypoint, the method) is not known here.
  if (cls.inheritsUnknown) return undefined;
  if (!cls.extendsWorkerEntrypoint) {
    return { functionName, message: `${what} does not extend WorkerEntrypoint, so \`${functionName}()\` cannot be called over the binding (RPC error, 500)`, related };
  }
  if (method && !method.isStatic && !method.isPrivate) return undefined;
  const publicMethods = [...cls.methods.values()].filter((m) => !m.isStatic && !m.isPrivate && m.name !== 'constructor').map((m) => m.name);
  const why = method ? (method.isStatic ? ' (it is static)' : ' (it is private)') : '';
  const edits = method ? undefined : addMethodStub(module, cls, functionName, ctx.runtime);
  return {
    functionName,
    message: `${what} has no public method \`${functionName}\`${why} (methods: ${nameList(publicMethods)})${didYouMean(functionName, publicMethods)}: the RPC call fails with 500`,
    related,
    ...(edits ? { fix: { title: `Add a method stub \`${functionName}\` to ${cls.name ? `\`${cls.name}\`` : 'the class'}`, safe: false, edits } } : {}),
  };
}

function report(ctx: RuleContext, env: WranglerEnvironment, used: UsedBinding, problems: Problem[]): void {
  const wrangler = ctx.project.wrangler!;
  ctx.report({
    code: 'SAG304',
    message: `binding \`${used.binding}\` (alias \`${used.alias}\`): ${problems.map((p) => p.message).join('; ')}${envSuffix(wrangler, env)}`,
    file: ctx.project.config.file,
    range: rangeOfNode(ctx.project.config, used.bindingNode),
    pointer: used.pointer,
    env: env.name,
    related: problems.flatMap((p) => p.related),
    fixes: problems.flatMap((p) => (p.fix ? [p.fix] : [])),
  });
}
