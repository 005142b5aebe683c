// Rule family 4xx: service module files (SPEC D 4xx; entrypoint resolution per runtime, SPEC E.4).
import type { RuleFamily } from '../rule';
import { MODULE_CODES } from './codes';
import { checkExists, checkExtension, checkSpecifierShape, SiblingFiles } from './entrypoint-file';
import { checkImports, checkUpload } from './module-upload';
import { checkParses, checkShape } from './module-shape';
import { serviceEntries } from './service-entries';

export const modulesRules: RuleFamily = {
  id: 'modules',
  codes: MODULE_CODES,
  check(ctx) {
    // upstream resolves entrypoints from base_dir, which only the wrangler config knows (SAG314 says so).
    if (ctx.runtime === 'upstream' && !ctx.project.wrangler) return;
    const siblings = new SiblingFiles(ctx.modules);
    for (const entry of serviceEntries(ctx)) {
      const entrypoint = checkExtension(ctx, entry);
      const hadExtension = entrypoint !== entry.entrypoint;
      checkSpecifierShape(ctx, entry, entrypoint);
      // With SAG403 the written entrypoint cannot load at all; the checks below look at the file it was meant to name.
      const resolved = checkExists(ctx, entry, entrypoint, !hadExtension, siblings);
      if (!resolved.exists) continue;
      checkUpload(ctx, entry, resolved.file);
      const module = ctx.modules.read(resolved.file);
      if (!module) continue;
      if (module.parseError) {
        checkParses(ctx, entry, module);
        continue;
      }
      checkImports(ctx, entry, module);
      checkShape(ctx, entry, module);
    }
  },
};
