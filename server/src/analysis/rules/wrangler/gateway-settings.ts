// SAG305 (the served config may not be this file: SAG_API_CONFIG_JSON or the CONFIG KV binding), SAG309
// (upstream needs nodejs_compat) and SAG310 (SAG_STRICT_CONFIG = "true" under upstream): findings about the
// wrangler file alone, anchored there on the key concerned, once per checked environment.
import type { Range } from '../../findings';
import { appendCompatibilityFlag } from '../../fixes/wrangler-edits';
import { dirname, relativePath } from '../../workspace/paths';
import type { RuleContext } from '../rule';
import { envFlag, envSection, envSuffix, wranglerFileName } from './environment-index';

/** Either flag gives the Node APIs the upstream gateway's JWT and Supabase code imports. */
const NODE_COMPAT_FLAGS = new Set(['nodejs_compat', 'nodejs_compat_v2']);

export function checkGatewaySettings(ctx: RuleContext): void {
  const wrangler = ctx.project.wrangler;
  if (!wrangler) return;
  const fileName = wranglerFileName(wrangler);
  const configPath = relativePath(dirname(wrangler.file), ctx.project.config.file);
  const reportedFlagKeys = new Set<string>();
  for (const env of ctx.environments) {
    const suffix = envSuffix(wrangler, env);
    const inline = env.vars.get('SAG_API_CONFIG_JSON');
    // Only a non-blank string is served (C.1, E.1); a blank one leaves the file in charge.
    if (inline && typeof inline.value === 'string' && inline.value.trim() !== '') {
      ctx.report({
        code: 'SAG305',
        message: `SAG_API_CONFIG_JSON is set in ${envSection(wrangler, env.name, 'vars')}: the gateway serves that inline config, not ${configPath}, so edits to ${configPath} have no effect${suffix}`,
        file: wrangler.file,
        range: inline.keyRange ?? inline.range,
        env: env.name,
        related: [],
      });
    }
    const kv = env.kvNamespaces.find((k) => k.name.value === 'CONFIG');
    if (kv) {
      const command = `wrangler kv key put --binding=CONFIG api-config.json --path=${configPath} --remote${envFlag(env.name)}`;
      ctx.report({
        code: 'SAG305',
        message: `the KV binding CONFIG is declared in ${fileName}: the gateway serves the \`api-config.json\` key of that namespace when it exists, not ${configPath}; upload the file after each change (\`${command}\`)${suffix}`,
        file: wrangler.file,
        range: kv.name.keyRange ?? kv.name.range,
        env: env.name,
        related: [],
        fixes: [{ title: `Upload ${configPath} to the CONFIG namespace (run by hand)`, safe: false, edits: [], command }],
      });
    }
    const strict = env.vars.get('SAG_STRICT_CONFIG');
    if (strict && strict.value === 'true') {
      ctx.report({
        code: 'SAG310',
        message: `SAG_STRICT_CONFIG = "true" in ${envSection(wrangler, env.name, 'vars')}: Workers cannot compile the schema validator, so strict mode makes every request answer 500; set it to "false" or remove it${suffix}`,
        file: wrangler.file,
        range: strict.keyRange ?? strict.range,
        env: env.name,
        related: [],
        fixes: [{ title: 'Set SAG_STRICT_CONFIG to "false"', safe: true, edits: [{ file: wrangler.file, range: strict.range, newText: '"false"' }] }],
      });
    }
    const flags = env.compatibilityFlags;
    if (flags && flags.value.some((f) => NODE_COMPAT_FLAGS.has(f))) continue;
    // Inherited flags sit at one place in the file: report that place once, not once per environment.
    const notAList = env.compatibilityFlagsNotAList;
    const anchor: Range = flags?.keyRange ?? notAList?.keyRange ?? env.compatibilityDate?.keyRange ?? wrangler.name?.keyRange ?? wrangler.lines.rangeOf(0, 0);
    const key = JSON.stringify(anchor);
    if (reportedFlagKeys.has(key)) continue;
    reportedFlagKeys.add(key);
    const edits = appendCompatibilityFlag(wrangler, 'nodejs_compat');
    ctx.report({
      code: 'SAG309',
      message: `compatibility_flags in ${fileName} lacks "nodejs_compat": the upstream gateway's JWT and Supabase code imports Node APIs, so the Worker fails to build or start${flags ? '' : notAList ? ` (compatibility_flags is ${notAList.value ? `${notAList.value}, ` : ''}not a list: write compatibility_flags = ["nodejs_compat"])` : ' (there is no compatibility_flags key)'}${suffix}`,
      file: wrangler.file,
      range: anchor,
      env: env.name,
      related: [],
      // The fix edits the top-level key; an environment's own compatibility_flags would still hide it.
      fixes: edits && (!flags || key === JSON.stringify(wrangler.environments[0]?.compatibilityFlags?.keyRange)) ? [{ title: 'Add "nodejs_compat" to compatibility_flags', safe: true, edits }] : [],
    });
  }
}
