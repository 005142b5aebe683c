// Find references: from a definition or any use of it, every origin that refers to the same target(s) across
// api-config.json, the wrangler config and the Worker sources; with includeDeclaration, every definition of the
// name too (each alias entry, the binding in each environment). An unresolved name lists its other uses.
import type { Position } from '../findings';
import type { GatewayProject } from '../model';
import { referenceIndex, type ReferenceIndex } from './reference-index/build';
import { declarationsOf, occurrenceAt, originsOf } from './reference-index/lookup';
import type { Occurrence, Origin } from './reference-index/model';
import { targetsOf } from './reference-index/resolve';
import { uniqueLocations } from './locations';
import { safely } from './safely';
import type { Location, ReferencesOptions } from './types';

export function references(project: GatewayProject, file: string, position: Position, options: ReferencesOptions = {}): Location[] {
  return safely([], () => {
    const index = referenceIndex(project, options);
    const occurrence = occurrenceAt(index, file, position);
    if (!occurrence) return [];
    const targets = targetsOf(index, occurrence);
    const out: Location[] = [];
    if (targets.length === 0 && occurrence.role === 'origin') {
      for (const origin of peersOf(index, occurrence)) out.push({ file: origin.site.file, range: origin.site.range });
      return uniqueLocations(out);
    }
    if (options.includeDeclaration) {
      for (const target of targets) for (const declaration of declarationsOf(index, target)) out.push({ file: declaration.site.file, range: declaration.site.range });
    }
    for (const target of targets) for (const origin of originsOf(index, target)) out.push({ file: origin.site.file, range: origin.site.range });
    return uniqueLocations(out);
  }, options.onError);
}

/** Uses of a name nothing defines: the other origins of the same kind and name (every use of a missing alias). */
export function peersOf(index: ReferenceIndex, origin: Occurrence & Origin): Origin[] {
  const config = index.config;
  switch (origin.kind) {
    case 'alias':
      return [...(origin.section ? config.aliasOrigins[origin.section].get(origin.name) ?? [] : []), ...(config.aliasOrigins.any.get(origin.name) ?? [])];
    case 'binding':
      return config.bindingOrigins.get(origin.name) ?? [];
    case 'configVariable':
      return config.configOrigins.filter((o) => o.name === origin.name);
    case 'envVariable':
      return config.envOrigins.get(origin.name) ?? [];
    default:
      return [origin];
  }
}
