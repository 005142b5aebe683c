// The `services[]` entries the 4xx checks walk, with the anchor every 4xx finding uses (SPEC D):
// `services[i].entrypoint`, once per entry.
import type { Range, RelatedLocation } from '../../findings';
import type { ModuleFacts } from '../../model';
import { rangeOfNode, type JsonNode } from '../../parse/config-document';
import { relativePath } from '../../workspace/paths';
import type { Report, RuleContext } from '../rule';
import { configView, stringOf } from '../schema/config-view';

export interface ServiceEntry {
  alias: string;
  entrypoint: string;
  node: JsonNode;
  pointer: string;
  range: Range;
}

export function serviceEntries(ctx: RuleContext): ServiceEntry[] {
  const doc = ctx.project.config;
  const out: ServiceEntry[] = [];
  for (const entry of configView(doc).entries.services) {
    const entrypoint = stringOf(entry.target);
    if (entrypoint === undefined || entrypoint === '' || !entry.target) continue;
    out.push({ alias: entry.alias, entrypoint, node: entry.target, pointer: `/services/${entry.index}/entrypoint`, range: rangeOfNode(doc, entry.target) });
  }
  return out;
}

/** Report anchored on the entry's `entrypoint` value. */
export function reportOnEntry(ctx: RuleContext, entry: ServiceEntry, report: Omit<Report, 'file' | 'range' | 'pointer'>): void {
  ctx.report({ ...report, file: ctx.project.config.file, range: entry.range, pointer: entry.pointer });
}

/** "services/orders.js" relative to the gateway folder, as messages show it. */
export function shown(ctx: RuleContext, file: string): string {
  return relativePath(ctx.project.root, file);
}

export function moduleLocation(module: ModuleFacts, message: string, range?: Range): RelatedLocation {
  return { file: module.file, range: range ?? module.lines.rangeOf(0, 0), message };
}
