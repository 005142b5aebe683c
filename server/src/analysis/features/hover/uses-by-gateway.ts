// The "Used by …" part of a hover over a definition outside api-config.json, counted in every gateway that reads the
// file: a Worker bound by two gateways, or a wrangler config two gateways share (SPEC B.0), is used by the configs of
// both, and the gateway that happened to answer the hover knows only its own. As references do, each gateway's own
// index is asked for the definition at the same place; the language server says which gateways read the file.
import type { Position } from '../../findings';
import { referenceIndex, type ReferenceIndex } from '../reference-index/build';
import { occurrenceAt, originsOf } from '../reference-index/lookup';
import type { Origin, Target } from '../reference-index/model';
import type { FeatureContext } from '../types';

export interface GatewayUses {
  /** The gateway's folder (GatewayProject.root). */
  root: string;
  origins: Origin[];
}

/**
 * The uses of `target` (under `position` in `file`) in its own gateway, first, then in each of `others` whose index
 * finds the same definition there. A gateway that reads the file without seeing it there (another gateway's folder
 * is scanned for Workers, not bound) has no say, not even a zero.
 */
export function usesByGateway(index: ReferenceIndex, target: Target, file: string, position: Position, others: readonly FeatureContext[]): GatewayUses[] {
  const out: GatewayUses[] = [{ root: index.project.root, origins: originsOf(index, target) }];
  for (const other of others) {
    if (other.project.root === index.project.root) continue;
    const otherIndex = referenceIndex(other.project, other.options);
    const same = occurrenceAt(otherIndex, file, position);
    if (same?.role !== 'target' || !sameDefinition(same, target)) continue;
    out.push({ root: other.project.root, origins: originsOf(otherIndex, same) });
  }
  return out;
}

/** Each gateway builds its own target objects: the same definition is the same kind and name at the same place. */
function sameDefinition(a: Target, b: Target): boolean {
  const ra = a.site.range.start;
  const rb = b.site.range.start;
  return a.kind === b.kind && a.name === b.name && a.site.file === b.site.file && ra.line === rb.line && ra.character === rb.character;
}

/** `Used by 3 \`function\` values.`; with several gateways, which ones use it: `… in 2 gateways (api, admin).` */
export function usesLine(uses: readonly GatewayUses[], what: string, plural = `${what}s`): string {
  const count = uses.reduce((sum, u) => sum + u.origins.length, 0);
  if (count === 0) return `\n\nNot used by any ${what}${uses.length > 1 ? ` in gateways ${gatewayLabels(uses).join(', ')}` : ''}.`;
  return `\n\nUsed by ${count} ${count === 1 ? what : plural}${inGateways(uses)}.`;
}

/**
 * ` in gateway api` / ` in 2 gateways (api, admin)`: the gateways among `uses` that use the definition; nothing when
 * only one gateway sees it (the common case, where naming it says nothing).
 */
export function inGateways(uses: readonly GatewayUses[]): string {
  if (uses.length < 2) return '';
  const labels = gatewayLabels(uses);
  const using = labels.filter((_, i) => uses[i]!.origins.length > 0);
  return using.length === 1 ? ` in gateway ${using[0]}` : ` in ${using.length} gateways (${using.join(', ')})`;
}

/**
 * Each gateway by the last segments of its folder, as few as tell them apart (`api`, `admin`; `eu/api`, `us/api`):
 * the folder is what tells gateways apart, since two that share a wrangler config share its `name` too.
 */
export function gatewayLabels(uses: readonly GatewayUses[]): string[] {
  const segments = uses.map((u) => u.root.split('/').filter((s) => s !== ''));
  for (let n = 1; ; n++) {
    const labels = segments.map((s) => s.slice(-n).join('/') || '/');
    if (new Set(labels).size === labels.length || segments.every((s) => s.length <= n)) return labels;
  }
}
