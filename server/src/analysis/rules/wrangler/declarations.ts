// SAG312 (a service binding that targets the gateway itself) and SAG313 (the legacy `environment` selector):
// findings about the wrangler file alone, in that file on the key concerned, per checked environment
// (`services` is not inherited, so each environment's declarations are its own).
import type { RuleContext } from '../rule';
import { envSuffix, wranglerFileName } from './environment-index';

export function checkDeclarations(ctx: RuleContext): void {
  const wrangler = ctx.project.wrangler;
  if (!wrangler) return;
  const ownNames = new Set<string>();
  if (wrangler.name) ownNames.add(wrangler.name.value);
  for (const env of wrangler.environments) if (env.workerName !== undefined) ownNames.add(env.workerName);
  for (const env of ctx.environments) {
    for (const decl of env.services) {
      const service = decl.service;
      if (service && ownNames.has(service.value)) {
        ctx.report({
          code: 'SAG312',
          message: `service binding \`${decl.binding.value}\` targets \`${service.value}\`, which is this gateway Worker itself: calls through it loop back into the gateway${envSuffix(wrangler, env)}`,
          file: wrangler.file,
          range: service.keyRange ?? service.range,
          env: env.name,
          related: wrangler.name ? [{ file: wrangler.file, range: wrangler.name.range, message: `this Worker's name in ${wranglerFileName(wrangler)}` }] : [],
        });
      }
      const legacy = decl.environment;
      if (legacy) {
        const suggestion = service ? `${service.value}-${legacy.value}` : `<worker>-${legacy.value}`;
        const edits = service
          ? [{ file: wrangler.file, range: service.range, newText: JSON.stringify(suggestion) }]
          : undefined;
        ctx.report({
          code: 'SAG313',
          message: `service binding \`${decl.binding.value}\` uses the deprecated \`environment\` field (legacy service environments); target the environment's Worker by name instead: service = "${suggestion}"${envSuffix(wrangler, env)}`,
          file: wrangler.file,
          range: legacy.keyRange ?? legacy.range,
          env: env.name,
          related: [],
          // Only the `service` value changes; deleting `environment` is left to the user, who must check the name.
          fixes: edits ? [{ title: `Set service to \`${suggestion}\` (then remove \`environment\`)`, safe: false, edits }] : [],
        });
      }
    }
  }
}
