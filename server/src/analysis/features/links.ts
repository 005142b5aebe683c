// Document links: each `services[].entrypoint` to the module file the runtime loads (when it exists), `$schema`
// to the schema file or URL, and the wrangler config's `main` to the Worker entry module.
import type { GatewayProject } from '../model';
import { dirname, resolvePath } from '../workspace/paths';
import { referenceIndex } from './reference-index/build';
import { stringSite } from './reference-index/config-part';
import { moduleFileOf } from './reference-index/resolve';
import { wranglerSite } from './reference-index/wrangler-part';
import { safely } from './safely';
import type { FeatureOptions, LinkEntry } from './types';

export function documentLinks(project: GatewayProject, file: string, options: FeatureOptions = {}): LinkEntry[] {
  return safely([], () => {
    const index = referenceIndex(project, options);
    const out: LinkEntry[] = [];
    if (file === project.config.file) {
      for (const origin of index.config.entrypointOrigins) {
        const module = moduleFileOf(index, origin);
        if (module.exists) out.push({ range: origin.site.nameRange, target: module.name, tooltip: `Open ${origin.name} (the module the ${index.runtime} runtime loads)` });
      }
      const schema = index.config.view.rootProps.get('$schema')?.value;
      const value = schema?.type === 'string' && typeof schema.value === 'string' ? schema.value : undefined;
      if (schema && value) {
        const target = /^https?:\/\//.test(value) ? value : resolvePath(project.root, value);
        const exists = /^https?:\/\//.test(value) || Boolean(index.modules.fileExists(target));
        if (exists) out.push({ range: stringSite(project.config, schema).nameRange, target, tooltip: 'Open the JSON Schema' });
      }
    } else if (project.wrangler && file === project.wrangler.file) {
      const main = project.wrangler.environments[0]?.main;
      if (main) {
        const target = resolvePath(dirname(project.wrangler.file), main.value);
        if (index.modules.fileExists(target)) out.push({ range: wranglerSite(project.wrangler, main.range).nameRange, target, tooltip: 'Open the Worker entry module' });
      }
    }
    return out;
  }, options.onError);
}
