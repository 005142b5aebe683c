// Hover: for a name (alias, binding, entrypoint, function, `$config.X`, `$env.X`) its whole resolution chain as
// markdown; for a key or an enum value of api-config.json, the config model's documentation. A definition's uses are
// counted in every gateway that reads its file (hover/uses-by-gateway.ts).
import { INTEGRATION_TYPES, lookupField, type IntegrationType } from 'serverless-api-gateway-runtime/config';
import type { Position, Range } from '../findings';
import type { GatewayProject } from '../model';
import type { JsonNode } from '../parse/config-document';
import { propertiesOf, stringOf } from '../rules/schema/config-view';
import { INTEGRATION_TYPE_DOCS } from './completion/integration-type-docs';
import { aliasMarkdown, bindingChainLines, entrypointText, envLabel, shortPath } from './hover/chain-markdown';
import { gatewayLabels, inGateways, usesByGateway, usesLine, type GatewayUses } from './hover/uses-by-gateway';
import { nodeAtOffset, pathOf } from './json-cursor';
import { referenceIndex, type ReferenceIndex } from './reference-index/build';
import { occurrenceAt } from './reference-index/lookup';
import type { Occurrence, Target } from './reference-index/model';
import { aliasTargetOf, configVariableOf, targetsOf } from './reference-index/resolve';
import { safely } from './safely';
import type { HoverOptions, HoverResult } from './types';

export function hover(project: GatewayProject, file: string, position: Position, options: HoverOptions = {}): HoverResult | undefined {
  return safely(undefined, () => {
    const index = referenceIndex(project, options);
    const occurrence = occurrenceAt(index, file, position);
    if (occurrence) {
      // No other gateway reads this one's api-config.json: its definitions' uses are all here.
      const others = file === project.config.file ? undefined : options.otherGateways;
      const usesOf = (target: Target): GatewayUses[] => usesByGateway(index, target, file, position, others?.() ?? []);
      const markdown = occurrenceMarkdown(index, occurrence, usesOf);
      if (markdown) return { markdown, range: occurrence.site.range };
    }
    return file === project.config.file ? modelHover(index, position) : undefined;
  }, options.onError);
}

function occurrenceMarkdown(index: ReferenceIndex, occurrence: Occurrence, usesOf: (target: Target) => GatewayUses[]): string | undefined {
  if (occurrence.role === 'origin') {
    switch (occurrence.kind) {
      case 'alias': {
        const target = aliasTargetOf(index, occurrence);
        const markdown = aliasMarkdown(index, target?.section ?? occurrence.section, occurrence.name);
        // The entry of the other section a route means (SAG208): shown, but the route does not reach it as it is.
        if (!target || !occurrence.section || target.section === occurrence.section) return markdown;
        return [`⚠ \`${occurrence.name}\` is not an alias in \`${occurrence.section}\`, which this integration reads (${index.runtime === 'bundled' ? 'the bundled gateway refuses the config' : 'the route answers 404'}); it names the \`${target.section}\` entry below (SAG208: switch the integration's type)`, '', markdown].join('\n');
      }
      case 'binding':
        return [`**binding \`${occurrence.name}\`**${occurrence.alias !== undefined ? ` (alias \`${occurrence.alias}\`)` : ''} — \`env.${occurrence.name}\` of the gateway`, '', ...bindingChainLines(index, occurrence.name)].join('\n');
      case 'entrypoint':
        return `**entrypoint** → ${entrypointText(index, occurrence)}`;
      case 'function': {
        const binding = occurrence.alias !== undefined ? index.config.aliases.serviceBindings.get(occurrence.alias)?.[0]?.second : undefined;
        if (occurrence.alias === undefined) return `**function \`${occurrence.name}\`** — no \`binding\` beside it names the Worker`;
        if (binding === undefined) return `**function \`${occurrence.name}\`** — ⚠ \`${occurrence.alias}\` is not a serviceBindings alias`;
        return [`**function \`${occurrence.name}\`** on \`${occurrence.alias}\` → binding \`${binding}\``, '', ...bindingChainLines(index, binding, occurrence.name)].join('\n');
      }
      case 'configVariable': {
        const target = configVariableOf(index, occurrence.name, occurrence.routeIndex);
        if (!target) return `⚠ \`$config.${occurrence.name}\` is in neither this route's \`variables\` nor the global \`variables\`: the value is never set`;
        return `**\`$config.${occurrence.name}\`** = ${valueText(index, target.value)} (${target.routeIndex === undefined ? 'global `variables`' : 'this route\'s `variables`, shadowing any global one'})`;
      }
      case 'envVariable':
        return envMarkdown(index, occurrence.prefix, occurrence.name);
      case 'workerService':
      case 'workerEntrypoint': {
        const target = targetsOf(index, occurrence)[0];
        if (!target) return `\`${occurrence.name}\`: ${occurrence.kind === 'workerService' ? 'no Worker of this name in the workspace' : 'no exported class of this name in the target Worker'}`;
        return `**${occurrence.kind === 'workerService' ? 'Worker' : 'class'} \`${occurrence.name}\`** → ${shortPath(index, target.site.file)}`;
      }
    }
  }
  switch (occurrence.kind) {
    case 'alias':
      return aliasMarkdown(index, occurrence.section, occurrence.name) + usesLine(usesOf(occurrence), 'route or hook', 'routes or hooks');
    case 'wranglerBinding':
      return [`**service binding \`${occurrence.name}\`** (${envLabel(occurrence.env)})${bindingUsers(usesOf(occurrence))}`, '', ...bindingChainLines(index, occurrence.name)].join('\n');
    case 'configVariable':
      return `**variable \`${occurrence.name}\`** = ${valueText(index, occurrence.value)}${usesLine(usesOf(occurrence), '`$config` mapping')}`;
    case 'wranglerVar':
    case 'devVar':
      return `**\`${occurrence.name}\`** (${occurrence.kind === 'devVar' ? 'local secret' : `[vars], ${envLabel(occurrence.env)}`})${usesLine(usesOf(occurrence), '`$env`/`$secrets` placeholder')}`;
    case 'workerMethod':
      return `**method \`${occurrence.name}\`** of \`${occurrence.cls.name ?? 'default export'}\`${usesLine(usesOf(occurrence), '`function` value')}`;
    default:
      return undefined;
  }
}

/** ` — used by alias \`hooks\``; from a wrangler config several gateways share, each alias once and the gateways. */
function bindingUsers(uses: readonly GatewayUses[]): string {
  const users = uses.flatMap((u) => u.origins.map((o) => (o.kind === 'binding' ? o.alias : undefined) ?? '?'));
  if (users.length === 0) return ` — not used by api-config.json${uses.length > 1 ? ` in gateways ${gatewayLabels(uses).join(', ')}` : ''}`;
  const aliases = uses.length > 1 ? [...new Set(users)] : users;
  return ` — used by alias ${aliases.map((a) => `\`${a}\``).join(', ')}${inGateways(uses)}`;
}

function valueText(index: ReferenceIndex, node: JsonNode | undefined): string {
  if (!node) return '(no value)';
  const raw = index.config.doc.text.slice(node.offset, node.offset + Math.min(node.length, 120));
  return `\`${raw}${node.length > 120 ? '…' : ''}\``;
}

function envMarkdown(index: ReferenceIndex, prefix: string, name: string): string {
  const lines = [`**\`${prefix}${name}\`** — replaced by \`env.${name}\` when the config loads (a missing one becomes \`""\`)`, ''];
  for (const env of index.project.wrangler?.environments ?? []) {
    const value = env.vars.get(name);
    lines.push(`- ${envLabel(env.name)}: ${value ? `[vars] \`${JSON.stringify(value.value).slice(0, 80)}\`` : 'not in [vars]'}`);
  }
  const dev = index.devVars.get(name) ?? [];
  // .dev.vars hold secrets: say where they are, never what they are.
  lines.push(dev.length > 0 ? `- local: set in ${dev.map((d) => shortPath(index, d.site.file)).join(', ')} (value hidden)` : '- local: not in .dev.vars');
  return lines.join('\n');
}

/** Documentation of the key or enum value under the cursor, from the shared config model. */
function modelHover(index: ReferenceIndex, position: Position): HoverResult | undefined {
  const doc = index.config.doc;
  const node = nodeAtOffset(doc.root, doc.lines.offsetAt(position));
  if (!node || node.type !== 'string') return undefined;
  const range: Range = doc.lines.rangeOf(node.offset, node.length);
  const parent = node.parent;
  const isKey = parent?.type === 'property' && parent.children?.[0] === node;
  const path = isKey ? [...(parent!.parent ? pathOf(parent!.parent) : []), String(node.value)] : pathOf(node);
  const modelPath = path.map((s) => (typeof s === 'number' ? '*' : s));
  const typeHint = path[0] === 'authorizer' ? authorizerType(index) : undefined;
  const info = lookupField(modelPath, { variant: index.runtime, ...(typeHint !== undefined ? { typeHint } : {}) });
  if (!isKey && path.length === 4 && path[0] === 'paths' && path[2] === 'integration' && path[3] === 'type' && (INTEGRATION_TYPES as readonly string[]).includes(String(node.value))) {
    const typeDoc = INTEGRATION_TYPE_DOCS[node.value as IntegrationType];
    return { markdown: `**\`${node.value}\`** — ${typeDoc.summary}\n\n${typeDoc.details}`, range };
  }
  if (!info?.description || !isKey) return undefined;
  const flags = [info.required ? 'required' : 'optional', ...(info.deprecated ? ['deprecated'] : []), ...(info.enumValues ? [`one of ${info.enumValues.map((v) => `\`${v}\``).join(', ')}`] : [])];
  return { markdown: `**\`${String(node.value)}\`** (${flags.join('; ')})\n\n${info.description}`, range };
}

function authorizerType(index: ReferenceIndex): string | undefined {
  const authorizer = index.config.view.authorizer;
  return stringOf(authorizer?.type === 'object' ? propertiesOf(authorizer).get('type')?.value : undefined);
}
