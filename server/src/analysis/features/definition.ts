// Go to definition: an alias -> its servers / services / serviceBindings entry; serviceBindings[i].binding -> the
// wrangler declaration of every environment; an entrypoint -> the module file; `function` -> the method in the
// bound Worker's source; `$config.X` -> variables; `$env.X` -> [vars] / .dev.vars. From wrangler: `service` ->
// the target Worker, `entrypoint` -> its class. On a definition itself, the answer is that definition.
import type { Position } from '../findings';
import type { GatewayProject } from '../model';
import { referenceIndex } from './reference-index/build';
import { occurrenceAt } from './reference-index/lookup';
import { targetsOf } from './reference-index/resolve';
import { safely } from './safely';
import { uniqueLocations } from './locations';
import type { FeatureOptions, Location } from './types';

export function definition(project: GatewayProject, file: string, position: Position, options: FeatureOptions = {}): Location[] {
  return safely([], () => {
    const index = referenceIndex(project, options);
    const occurrence = occurrenceAt(index, file, position);
    if (!occurrence) return [];
    return uniqueLocations(targetsOf(index, occurrence).map((t) => ({ file: t.site.file, range: t.site.range })));
  }, options.onError);
}
