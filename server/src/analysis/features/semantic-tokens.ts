// Semantic tokens for names that resolve to nothing: a `$config.X` with no variable of that name, and an
// `$env.X` that no wrangler [vars] or .dev.vars declares. Editors colour them even before diagnostics arrive.
import type { GatewayProject } from '../model';
import { referenceIndex } from './reference-index/build';
import { configVariableOf } from './reference-index/resolve';
import { safely } from './safely';
import type { FeatureOptions, SemanticTokenEntry } from './types';

export function semanticTokens(project: GatewayProject, file: string, options: FeatureOptions = {}): SemanticTokenEntry[] {
  return safely([], () => {
    if (file !== project.config.file) return [];
    const index = referenceIndex(project, options);
    const out: SemanticTokenEntry[] = [];
    for (const origin of index.config.configOrigins) {
      if (!configVariableOf(index, origin.name, origin.routeIndex)) out.push({ range: origin.site.nameRange, type: 'unknownConfigVariable' });
    }
    for (const [name, origins] of index.config.envOrigins) {
      if (index.wrangler?.vars.has(name) || index.devVars.has(name)) continue;
      for (const origin of origins) if (origin.prefix === '$env.') out.push({ range: origin.site.nameRange, type: 'unknownEnvVariable' });
    }
    return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }, options.onError);
}
