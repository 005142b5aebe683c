// SAG611: a route with `auth` proxies to an `http://` server, so the forwarded `Authorization` header travels in cleartext.
import type { ConfigDocument } from '../../model';
import { arrayItems, propertyValue, stringValue, type JsonNode } from '../../parse/config-document';
import type { RuleContext } from '../rule';
import { anchorOn, relatedRoute } from '../routing/describe';
import { routeLabel } from '../routing/route-table';
import type { SecurityRouteFacts } from './route-facts';

const LOCAL_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$|\.localhost$/i;
const MAX_RELATED = 5;

export function checkCleartextUpstreams(ctx: RuleContext, config: ConfigDocument, routes: SecurityRouteFacts): void {
  const root = config.root?.type === 'object' ? config.root : undefined;
  const urls = new Map<string, JsonNode>();
  let cleartext = false;
  for (const server of arrayItems(propertyValue(root, 'servers'))) {
    const alias = stringValue(propertyValue(server, 'alias'));
    const urlNode = propertyValue(server, 'url');
    if (alias === undefined || !urlNode || urls.has(alias)) continue;
    urls.set(alias, urlNode);
    if (/^http:\/\//i.test(stringValue(urlNode) ?? '')) cleartext = true;
  }
  if (!cleartext) return; // the common case: no need to group the routes at all
  for (const [alias, authRoutes] of routes.authRoutesByServer()) {
    if (!urls.has(alias)) continue;
    const urlNode = urls.get(alias)!;
    const url = stringValue(urlNode);
    if (url === undefined || !/^http:\/\//i.test(url)) continue;
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      continue; // SAG118's business
    }
    if (LOCAL_HOST.test(host)) continue;
    const first = authRoutes[0]!;
    const more = authRoutes.length - 1;
    ctx.report({
      code: 'SAG611',
      ...anchorOn(config, urlNode),
      file: config.file,
      message:
        `server \`${alias}\` is \`http://\` and \`${routeLabel(first)}\`${more > 0 ? ` (and ${more} more route${more > 1 ? 's' : ''})` : ''} with \`auth\` proxies to it: ` +
        'the client\'s `Authorization` header is forwarded unchanged, so bearer tokens cross the network in cleartext; use `https://`',
      related: authRoutes.slice(0, MAX_RELATED).map((r) => relatedRoute(config, r, 'route with `auth` that forwards its token to this server')),
      fixes: [{ title: 'Switch the server URL to `https://`', safe: false, edits: [{ file: config.file, range: anchorOn(config, urlNode).range, newText: JSON.stringify(url.replace(/^http:/i, 'https:')) }] }],
    });
  }
}
