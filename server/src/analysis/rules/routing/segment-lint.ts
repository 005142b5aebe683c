// Per-route path lint: SAG503 (misplaced `{.+}`, malformed braces, AWS-style greedy names) and SAG506 (trailing
// slash, `//`, empty segments), with runtime-specific wording where the two gateways read the path differently.
import { isUpstreamParam, type PatternSegment } from 'serverless-api-gateway-runtime/routing';
import type { Fix, RuntimeTarget } from '../../findings';
import type { ConfigDocument } from '../../model';
import { replaceString } from '../../fixes/json-edits';
import type { RuleContext } from '../rule';
import { pointerOf } from '../../parse/config-document';
import { anchorOn, rangeInString } from './describe';
import type { RouteEntry } from './route-table';

/** SAG503 for one route (a per-route check: it reads nothing but the route and the runtime). */
export function checkBraces(ctx: RuleContext, config: ConfigDocument, route: RouteEntry): void {
  const path = route.path;
  if (path === undefined || !route.pathNode || !path.startsWith('/')) return;
  const segments = route.segments;
  let offset = 1; // segment texts start after the leading `/`
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const problem = describeSegment(segment, i === segments.length - 1, ctx.runtime);
    if (problem) {
      const range = rangeInString(config, route.pathNode!, offset, segment.text.length);
      ctx.report({
        code: 'SAG503',
        file: config.file,
        range,
        pointer: pointerOf(route.pathNode!),
        message: `segment \`${segment.text}\` of \`${path}\` ${problem.message}`,
        fixes: problem.replacement === undefined ? [] : [segmentFix(config, route, offset, segment.text, problem.replacement)],
      });
    }
    offset += segment.text.length + 1;
  }
}

function describeSegment(segment: PatternSegment, isLast: boolean, runtime: RuntimeTarget): { message: string; replacement?: string } | undefined {
  if (segment.greedyLookalike) {
    return isLast
      ? { message: `is an AWS-style greedy name, but here it is an ordinary parameter that matches exactly one segment, so this route is no catch-all; write the catch-all as \`{.+}\``, replacement: '{.+}' }
      : { message: `is an AWS-style greedy name, but here it is an ordinary parameter that matches exactly one segment; a catch-all \`{.+}\` works only as the last segment` };
  }
  switch (segment.malformed) {
    case 'non-final-wildcard':
      return {
        message:
          runtime === 'upstream'
            ? 'is a wildcard before the last segment: the gateway stops comparing there, so the route matches unrelated paths of its length and ignores the segments after it; put `{.+}` last, or use `{name}` for one segment'
            : 'is a wildcard before the last segment: the gateway treats it as literal text `{.+}`, so the route matches almost nothing; put `{.+}` last, or use `{name}` for one segment',
      };
    case 'empty-param':
      return {
        message:
          runtime === 'upstream'
            ? 'is a parameter without a name: it matches one segment but the value cannot be referenced; name it, e.g. `{id}`'
            : 'is a parameter without a name, which the gateway compares as literal text `{}`; name it, e.g. `{id}`',
      };
    case 'unbalanced-brace': {
      const fixed = balanced(segment.text);
      // Upstream takes any segment from `{` to `}` for a parameter (A.7): `{a}{b}` is one named `a}{b`.
      const message =
        runtime === 'upstream' && isUpstreamParam(segment.text)
          ? `has tangled braces, which the gateway still reads as one parameter named \`${segment.text.slice(1, -1)}\` that matches one segment; write a parameter as \`{name}\``
          : 'has unbalanced braces, so it is compared as literal text, not as a parameter; write a parameter as `{name}`';
      return { message, ...(fixed ? { replacement: fixed } : {}) };
    }
    case 'partial-param':
      return { message: 'mixes a parameter with text, which the path syntax does not support: it is compared as literal text; use a whole segment `{name}`' };
    default:
      return undefined;
  }
}

/** `{id` -> `{id}`, `id}` -> `{id}`; nothing when the braces are tangled beyond a one-character repair. */
function balanced(text: string): string | undefined {
  const inner = text.replace(/^\{/, '').replace(/\}$/, '');
  if (inner === '' || /[{}]/.test(inner)) return undefined;
  return `{${inner}}`;
}

function segmentFix(config: ConfigDocument, route: RouteEntry, offset: number, from: string, to: string): Fix {
  const path = route.path!;
  const next = path.slice(0, offset) + to + path.slice(offset + from.length);
  return {
    title: `Replace \`${from}\` with \`${to}\``,
    // It changes which requests the route matches, and the intent is a guess.
    safe: false,
    edits: [replaceString(config, route.pathNode!, next)],
  };
}

/**
 * SAG506 for one route (a per-route check). Whether the normalised route exists too is not looked up (that would
 * read other routes): applying the fix next to an existing twin makes SAG501 point it out.
 */
export function checkEmptySegments(ctx: RuleContext, config: ConfigDocument, route: RouteEntry): void {
  const path = route.path;
  if (path === undefined || !route.pathNode || !path.startsWith('/') || path === '/') return;
  const trailing = path.endsWith('/');
  const doubled = path.includes('//');
  if (!trailing && !doubled) return;
  const normalised = path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  const what = doubled ? `an empty segment (\`//\`)` : 'a trailing slash';
  const runtimeNote =
    ctx.runtime === 'upstream'
      ? trailing && !doubled
        ? ` (and a \`{param}\` route such as \`${normalised}/{id}\` also matches \`${path}\`, with an empty value)`
        : ''
      : ' (the gateway never collapses `//`, and a `{param}` never matches an empty segment)';
  ctx.report({
    code: 'SAG506',
    ...anchorOn(config, route.pathNode),
    file: config.file,
    message: `\`${path}\` has ${what}: it matches only requests spelled exactly so, not \`${normalised}\`${runtimeNote}; write it as \`${normalised}\` unless that exact form is intended`,
    fixes: [{ title: `Normalise the path to \`${normalised}\``, safe: false, edits: [replaceString(config, route.pathNode, normalised)] }],
  });
}
