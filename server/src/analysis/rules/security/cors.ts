// CORS settings that open more than intended: SAG604 (`*` origin with credentials), SAG605 (`*` allow_headers with
// credentials or Authorization) and SAG606 (origin patterns broader than they look).
import type { ConfigDocument } from '../../model';
import { arrayItems, propertyValue, stringValue, type JsonNode } from '../../parse/config-document';
import type { RuleContext } from '../rule';
import { anchorOn } from '../routing/describe';
import { replaceString } from '../../fixes/json-edits';
import type { SecurityRouteFacts } from './route-facts';

export function checkCors(ctx: RuleContext, config: ConfigDocument, routes: SecurityRouteFacts): void {
  const cors = config.root?.type === 'object' ? propertyValue(config.root, 'cors') : undefined;
  if (cors?.type !== 'object') return;
  const credentialsNode = propertyValue(cors, 'allow_credentials');
  const credentials = credentialsNode?.type === 'boolean' && credentialsNode.value === true;
  const origins = arrayItems(propertyValue(cors, 'allow_origins'));

  for (const origin of origins) {
    const text = stringValue(origin);
    if (text === undefined) continue;
    if (text === '*') {
      if (credentials && credentialsNode) reportWildcardWithCredentials(ctx, config, origin, credentialsNode);
      continue;
    }
    const problem = originProblem(text, credentials);
    if (!problem) continue;
    ctx.report({
      code: 'SAG606',
      ...anchorOn(config, origin),
      file: config.file,
      message: `origin pattern \`${text}\` ${problem.message}`,
      fixes: problem.suggestion ? [{ title: `Replace with \`${problem.suggestion}\``, safe: false, edits: [replaceString(config, origin, problem.suggestion)] }] : [],
    });
  }

  const headers = arrayItems(propertyValue(cors, 'allow_headers'));
  const star = headers.find((h) => stringValue(h) === '*');
  if (star) {
    const listed = new Set(headers.map((h) => stringValue(h)?.toLowerCase()).filter((h): h is string => h !== undefined));
    const usesAuth = routes.hasAuthRoute();
    const why = credentials
      ? 'with `allow_credentials: true` browsers read `*` as a header literally named "*", so every preflight that asks for a header fails'
      : usesAuth && !listed.has('authorization')
        ? 'browsers never let `*` cover `Authorization`, so preflights for the `auth` routes fail'
        : undefined;
    if (why) {
      const wanted = ['Authorization', 'Content-Type'].filter((h) => !listed.has(h.toLowerCase()));
      ctx.report({
        code: 'SAG605',
        ...anchorOn(config, star),
        file: config.file,
        message: `\`allow_headers\` relies on \`*\`: ${why}; list the headers explicitly (\`Authorization\`, \`Content-Type\`, ...)`,
        fixes: [
          {
            title: `Replace \`*\` with ${wanted.map((h) => `\`${h}\``).join(' and ')}`,
            safe: false,
            edits: [{ file: config.file, range: anchorOn(config, star).range, newText: wanted.map((h) => JSON.stringify(h)).join(', ') }],
          },
        ],
      });
    }
  }
}

function reportWildcardWithCredentials(ctx: RuleContext, config: ConfigDocument, origin: JsonNode, credentialsNode: JsonNode): void {
  const effect =
    ctx.runtime === 'upstream'
      ? 'the upstream gateway then reflects the request\'s Origin with `Access-Control-Allow-Credentials: true`, so any website can make credentialed requests and read the responses'
      : 'the bundled gateway answers `*` without `Access-Control-Allow-Credentials`, so browsers send no credentials, unlike what the config says';
  ctx.report({
    code: 'SAG604',
    ...anchorOn(config, origin),
    file: config.file,
    message: `\`allow_origins\` contains \`*\` while \`allow_credentials\` is true: ${effect}; list the allowed origins explicitly, or set \`allow_credentials\` to false`,
    related: [{ file: config.file, range: anchorOn(config, credentialsNode).range, message: '`allow_credentials` is true here' }],
    fixes: [{ title: 'Set `allow_credentials` to false', safe: false, edits: [{ file: config.file, range: anchorOn(config, credentialsNode).range, newText: 'false' }] }],
  });
}

const LOCAL_HOSTS = /^(localhost|127\.0\.0\.1|\[::1\])$|\.localhost$/;

/** Why an origin pattern is broader than it looks (each `*` becomes `.*` in an anchored regex), and a narrower one. */
export function originProblem(pattern: string, credentials: boolean): { message: string; suggestion?: string } | undefined {
  const schemeEnd = pattern.indexOf('://');
  const firstStar = pattern.indexOf('*');
  if (firstStar >= 0 && (schemeEnd < 0 || firstStar < schemeEnd)) {
    const rest = schemeEnd < 0 ? pattern : pattern.slice(schemeEnd + 3);
    return {
      message: 'has a wildcard in (or instead of) the scheme, so it also accepts `http://` pages and hosts that merely end in the same text; start it with `https://`',
      ...(schemeEnd < 0 && rest.startsWith('*.') ? { suggestion: `https://${rest}` } : {}),
    };
  }
  if (schemeEnd < 0) return undefined;
  const scheme = pattern.slice(0, schemeEnd);
  const hostAndPort = pattern.slice(schemeEnd + 3);
  const host = hostAndPort.replace(/:[^:]*$/, '');
  if (host.includes('*')) {
    const lastStar = host.lastIndexOf('*');
    const suffix = host.slice(lastStar + 1);
    if (!suffix.startsWith('.')) {
      const fixed = suffix === '' ? undefined : `${pattern.slice(0, schemeEnd + 3)}${host.slice(0, lastStar + 1)}.${suffix}${hostAndPort.slice(host.length)}`;
      return {
        message: `has \`*\` without a dot after it, so it also accepts hosts such as \`${host.slice(0, lastStar)}evil${suffix || '.com'}\`; anchor the wildcard at a dot boundary, e.g. \`${fixed ?? `${scheme}://*.example.com`}\``,
        ...(fixed ? { suggestion: fixed } : {}),
      };
    }
    if (suffix.split('.').filter((label) => label !== '').length < 2) {
      return { message: `accepts every site under \`${suffix}\`, not one domain; put the wildcard under your own domain, e.g. \`${scheme}://*.example${suffix}\`` };
    }
  }
  if (credentials && scheme === 'http' && !LOCAL_HOSTS.test(host)) {
    return { message: 'is a cleartext `http://` origin while `allow_credentials` is true, so any page injected on that network path can make credentialed requests; use `https://`', suggestion: `https://${hostAndPort}` };
  }
  return undefined;
}
