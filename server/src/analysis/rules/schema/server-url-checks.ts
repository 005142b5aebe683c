// SAG118/SAG119: each `servers[].url` must be an absolute http(s) URL that `new URL()` accepts; its own query
// string and fragment are dropped by the proxy. A value that is a whole `$env.X` placeholder is resolved at
// load time and not checked here (SAG306 checks the variable).
import { SUBSTITUTION_PREFIXES } from 'serverless-api-gateway-runtime/config';
import { label, openingOf, pointer, replaceStringFix, typeName, type Emit } from './anchor';
import type { ConfigView } from './config-view';
import { propertiesOf, stringOf } from './config-view';

export function checkServerUrls(view: ConfigView, emit: Emit): void {
  const array = view.rootProps.value('servers');
  if (!array || array.type !== 'array') return;
  (array.children ?? []).forEach((entry, index) => {
    if (entry.type !== 'object') return; // SAG101
    const where = label('servers', index);
    const ptr = pointer('servers', index, 'url');
    const node = propertiesOf(entry).value('url');
    const url = stringOf(node);
    if (!node || url === undefined) {
      emit('SAG118', node ?? entry, ptr, `${where} ${node ? `has a \`url\` that is ${typeName(node)}` : 'has no `url`'}: requests routed to it answer 500 (write an absolute URL such as \`https://api.example.com\`)`, node ? {} : { range: openingOf(view.doc, entry) });
      return;
    }
    if (SUBSTITUTION_PREFIXES.some((p) => url.startsWith(p))) return;
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      const looksLikeHost = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/.*)?$/i.test(url);
      emit('SAG118', node, ptr, `server url \`${url}\` is not an absolute http(s) URL: \`new URL()\` ${parsed ? `gives the scheme \`${parsed.protocol}\`` : 'throws'}, so requests routed to \`${stringOf(propertiesOf(entry).value('alias')) ?? where}\` answer 500`, {
        fixes: looksLikeHost ? [replaceStringFix(view.doc, node, `https://${url}`, `Change to \`https://${url}\``, false)] : [],
      });
      return;
    }
    if (parsed.search || parsed.hash || url.includes('?') || url.includes('#')) {
      const cut = url.replace(/[?#].*$/, '');
      emit('SAG119', node, ptr, `server url \`${url}\` carries a ${parsed.search || url.includes('?') ? 'query string' : 'fragment'} that the proxy drops (it sends the incoming request's query); keep fixed parameters in \`variables\` and map them with \`$config.NAME\``, {
        fixes: [replaceStringFix(view.doc, node, cut, `Remove \`${url.slice(cut.length)}\``, true)],
      });
    }
  });
}
