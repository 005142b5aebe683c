// SAG404–SAG406, SAG409, SAG410: the service module's default export against the runtime's contract; SAG411: a
// module that does not parse, whose default export cannot be known.
// upstream (SPEC A.3): `new module.default()` then `.fetch(request, env, ctx)`, so the export must be
// constructible with fetch on its instances. bundled (SPEC E.4): a class/function whose instances have fetch,
// or an object with fetch.
import type { Fix, TextFileEdit } from '../../findings';
import { addFetchMethod, appendServiceClass, dropWorkerEntrypoint, exportAsDefault, wrapDefaultExport } from '../../fixes/module-edits';
import type { ClassFacts, ReturnKind, ModuleFacts } from '../../model';
import type { RuleContext } from '../rule';
import { moduleLocation, reportOnEntry, shown, type ServiceEntry } from './service-entries';

const KIND_WORDS: Record<string, string> = {
  object: 'an object literal',
  arrow: 'an arrow function',
  other: 'a value that is not a function',
};

export function checkParses(ctx: RuleContext, entry: ServiceEntry, module: ModuleFacts): void {
  const problem = module.parseError;
  // The checker's own limits (a proposal it cannot read, a huge module) say nothing about the build.
  if (!problem || module.beyondChecker) return;
  const upstream = ctx.runtime === 'upstream';
  reportOnEntry(ctx, entry, {
    code: 'SAG411',
    message: `service module ${shown(ctx, module.file)} (\`${entry.alias}\`) does not parse (line ${problem.range.start.line + 1}): ${problem.message}; ${upstream ? 'wrangler cannot bundle it, or its `import()` throws and its routes answer 500' : 'the gateway build fails'}`,
    related: [moduleLocation(module, problem.message, problem.range)],
  });
}

export function checkShape(ctx: RuleContext, entry: ServiceEntry, module: ModuleFacts): void {
  const upstream = ctx.runtime === 'upstream';
  const file = shown(ctx, module.file);
  const def = module.defaultExport;
  if (!def) {
    const classes = [...module.exportedClasses.keys()];
    reportOnEntry(ctx, entry, {
      code: 'SAG404',
      message: `service module ${file} (\`${entry.alias}\`) has no default export${classes.length > 0 ? ` (it exports ${classes.map((c) => `\`${c}\``).join(', ')})` : ''}: ${upstream ? 'the gateway calls `new module.default()`, which throws, so its routes answer 500' : 'the gateway build cannot import it'}; add \`export default class { async fetch(request, env, ctx) { ... } }\``,
      related: [moduleLocation(module, 'the service module')],
      fixes: defaultExportFixes(ctx, module, classes),
    });
    return;
  }
  if (def.kind === 'unresolved') return;
  const notConstructible = upstream ? def.kind === 'object' || def.kind === 'arrow' || def.kind === 'other' : def.kind === 'arrow' || def.kind === 'other';
  if (notConstructible) {
    const wrap = def.kind === 'object' && def.hasFetch ? ' (the usual Worker `{ fetch }` shape does not work here)' : '';
    const kind = def.asyncFunction ? 'an async function' : (KIND_WORDS[def.kind] ?? def.kind);
    reportOnEntry(ctx, entry, {
      code: 'SAG405',
      message: `the default export of ${file} (\`${entry.alias}\`) is ${kind}${wrap}: ${upstream ? '`new module.default()` throws a TypeError' : 'it is neither a class/function with fetch nor an object with fetch'}, so its routes answer 500; export \`class { async fetch(request, env, ctx) { ... } }\``,
      related: [moduleLocation(module, 'default export', def.range)],
      fixes: moduleFix('Wrap the default export in a class whose fetch calls it', wrapDefaultExport(module, def)),
    });
    return;
  }
  // A class extending one from another module may inherit fetch: not judged.
  if (!def.hasFetch && !def.cls?.inheritsUnknown && (def.kind === 'class' || def.kind === 'function' || def.kind === 'object')) {
    reportOnEntry(ctx, entry, {
      code: 'SAG406',
      message: `the default export of ${file} (\`${entry.alias}\`) has no \`fetch\` method (own, inherited from a local class, or on its prototype): calling it throws a TypeError and its routes answer 500; add \`async fetch(request, env, ctx)\``,
      related: [moduleLocation(module, 'default export', def.range)],
      fixes: def.kind === 'class' && def.cls ? moduleFix(`Add an \`async fetch\` method to ${def.cls.name ? `\`${def.cls.name}\`` : 'the class'}`, addFetchMethod(module, def.cls, ctx.runtime)) : [],
    });
    return;
  }
  if (upstream && def.cls?.extendsWorkerEntrypoint) {
    reportOnEntry(ctx, entry, {
      code: 'SAG410',
      message: `the default export of ${file} (\`${entry.alias}\`) extends WorkerEntrypoint, but the gateway constructs it itself with \`new\` and no arguments, so \`this.env\` and \`this.ctx\` are not set; use a plain class and the \`env\`/\`ctx\` arguments of fetch`,
      related: [moduleLocation(module, 'default export', def.range)],
      fixes: moduleFix(dropTitle(def.cls), dropWorkerEntrypoint(module, def.cls)),
    });
  }
  checkReturns(ctx, entry, module);
}

/** SAG404: export a class the module already exports by name (those with fetch first), else add a service class. */
function defaultExportFixes(ctx: RuleContext, module: ModuleFacts, classes: string[]): Fix[] {
  if (classes.length === 0) return moduleFix('Add a default-export service class', appendServiceClass(module, ctx.runtime));
  const withFetch = (name: string): number => {
    const fetch = module.exportedClasses.get(name)?.methods.get('fetch');
    return fetch && !fetch.isStatic ? 0 : 1;
  };
  return [...classes]
    .sort((a, b) => withFetch(a) - withFetch(b))
    .slice(0, 3)
    .flatMap((name) => moduleFix(`Make \`${name}\` the default export`, exportAsDefault(module, name)));
}

/** Which class loses the clause: a local base class is named, as its other subclasses lose it too. */
function dropTitle(cls: ClassFacts): string {
  const owner = cls.workerEntrypointClause?.owner;
  const from = owner && owner !== cls.name ? ` from the base class \`${owner}\` (its other subclasses too)` : '';
  return `Drop \`extends WorkerEntrypoint\`${from} (then read \`env\` and \`ctx\` from the arguments of fetch)`;
}

/** A fix editing the service module: never safe (it changes code), none without edits. */
function moduleFix(title: string, edits: TextFileEdit[] | undefined): Fix[] {
  return edits && edits.length > 0 ? [{ title, safe: false, edits }] : [];
}

/** What the gateway makes of a fetch return value (SPEC C.8 item 9; E.3: undefined gives 204 in the bundled runtime). */
function oddReturn(kind: ReturnKind, upstream: boolean): string | undefined {
  switch (kind) {
    case 'number':
    case 'true':
    case 'false':
      return `a ${kind === 'number' ? 'number' : 'boolean'} gives 400 with an empty body`;
    case 'undefined':
    case 'implicit':
      return upstream ? 'returning nothing gives 400 with an empty body' : undefined;
    case 'object':
      return 'an object is wrapped in the `{status, message, data}` envelope';
    default:
      return undefined;
  }
}

function checkReturns(ctx: RuleContext, entry: ServiceEntry, module: ModuleFacts): void {
  const fetch = module.defaultExport?.cls?.methods.get('fetch');
  if (!fetch) return;
  const upstream = ctx.runtime === 'upstream';
  const notes = [...new Set(fetch.returns.map((k) => oddReturn(k, upstream)).filter((n): n is string => n !== undefined))];
  if (notes.length === 0) return;
  reportOnEntry(ctx, entry, {
    code: 'SAG409',
    message: `fetch of ${shown(ctx, module.file)} (\`${entry.alias}\`) returns values the gateway maps oddly: ${notes.join('; ')}; return a Response to control status and body`,
    related: [moduleLocation(module, 'fetch', fetch.range)],
  });
}
