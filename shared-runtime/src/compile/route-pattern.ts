// Literal route segments in the form a request URL carries them: WHATWG URL parsing percent-encodes non-ASCII and a
// few ASCII characters in paths, so `/café` in a config must be compared as `/caf%C3%A9` (params and `{.+}` untouched).

import { classifySegment } from '../routing/index';

// The WHATWG "path percent-encode set" minus `{`/`}` (they mark params) and `#`/`?` (never part of a pathname).
const NEEDS_ENCODING = /[^\x21-\x7e]|["<>`]/;

export function encodeLiteralSegments(pattern: string): string {
  if (!NEEDS_ENCODING.test(pattern) || !pattern.startsWith('/')) return pattern;
  const parts = pattern.slice(1).split('/');
  return (
    '/' +
    parts
      .map((text, i) => {
        if (classifySegment(text, i === parts.length - 1).kind !== 'literal') return text;
        let out = '';
        for (const ch of text) out += NEEDS_ENCODING.test(ch) ? encodeUtf8(ch) : ch;
        return out;
      })
      .join('/')
  );
}

function encodeUtf8(ch: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(ch)) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  return out;
}
