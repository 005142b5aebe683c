// Rule family 0xx: the checker's own settings. SAG001: a problem in `.sagrc.json` (SPEC E.0), where it is written.
// SPEC.md has no code for it; without one, a misspelled `runtime` or rule code was dropped without a word, and the
// editor and the CLI went on with defaults the user had meant to change.
import { didYouMean } from '../../did-you-mean';
import type { CodeInfo, RuleFamily } from '../rule';
import { environmentNamed, wranglerFileName } from '../wrangler/environment-index';
// The registry imports this family too; codeInfo and allCodes are called only while checking, long after both
// modules have loaded, so the cycle is harmless.
import { allCodes, codeInfo } from '../registry';

export const SETTINGS_CODES: CodeInfo[] = [
  {
    code: 'SAG001',
    title: 'A setting in .sagrc.json is not used',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        '`.sagrc.json` is the project file the editor and `sag check` share (runtime, deployed environments, wranglerConfig, rule severities, ignores, excludes). ' +
        'A key it does not know, a value of the wrong kind, a rule or `ignore` code the checker does not have (`SAG3O2`), an `exclude` glob that names no folder, a `wranglerConfig` that names no file, an `environments` name the wrangler config does not declare, JSON that does not parse, or a file that cannot be read is reported here, and that setting is ignored: the checks run with the default (or the editor setting) instead. ' +
        'SPEC.md has no code for this.',
      invalid: '{\n  "runtime": "bundle",\n  "rules": { "SAG409": "silent" }\n}',
      valid: '{\n  "runtime": "bundled",\n  "rules": { "SAG409": "off" }\n}',
      fix: 'Correct the key or value as the message says (it names the known keys and values, with a did-you-mean). There is no automatic fix.',
    },
  },
];

export const settingsRules: RuleFamily = {
  id: 'settings',
  codes: SETTINGS_CODES,
  check(ctx) {
    const sagrc = ctx.project.sagrc;
    if (!sagrc) return;
    for (const problem of sagrc.problems) {
      // Each message says what happens instead (ignored, detected, wrangler's own lookup).
      ctx.report({ code: 'SAG001', message: problem.message, file: sagrc.file, range: problem.range, related: [] });
    }
    const wrangler = ctx.project.wrangler;
    if (wrangler && sagrc.environments) {
      const declared = wrangler.environments.map((e) => e.name).filter((name) => name !== '');
      sagrc.environments.forEach((name, i) => {
        const range = sagrc.environmentRanges?.[i];
        if (environmentNamed(name) === '' || declared.includes(name) || !range) return;
        // A typo here counts no environment as deployed, and every finding of the one meant drops to a warning.
        const list = declared.length > 0 ? `declared: "", ${declared.map((d) => JSON.stringify(d)).join(', ')}` : 'it declares no [env.*]; "" is the top level';
        const message = `\`${name}\` is not an environment of ${wranglerFileName(wrangler)} (${list}); it is ignored, and an environment not listed counts as not deployed (its errors are reported as warnings)${didYouMean(name, declared)}`;
        ctx.report({ code: 'SAG001', message, file: sagrc.file, range, related: [] });
      });
    }
    for (const mention of sagrc.codeMentions) {
      if (codeInfo(mention.code)) continue;
      // A code of the right shape that no rule has (a typo such as SAG3O2, or one from another version) would
      // otherwise switch nothing off, silently.
      const message = `\`${mention.code}\` is not a code of this checker (docs/diagnostics.md lists them); the setting is ignored${didYouMean(mention.code, allCodes().map((info) => info.code))}`;
      ctx.report({ code: 'SAG001', message, file: sagrc.file, range: mention.range, related: [] });
    }
  },
};
