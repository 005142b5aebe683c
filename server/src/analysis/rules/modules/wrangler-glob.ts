// wrangler's module-rule globs (glob-to-regexp with `globstar: true`, not extended): `*` is any run of characters
// but `/`, a `**` that is a whole segment is any number of segments, every other character is itself (braces and
// `?` included). Matched without a regular expression: one per glob backtracks, and `*a*a*a*a*a*a*b` against a
// 40-character path took 64 ms (each extra `*` multiplies it), so a wrangler.toml and an entrypoint could keep the
// checker busy for minutes. Here a set of reachable positions moves through the glob: O(glob length × path length).

type GlobToken = { kind: 'char'; char: string } | { kind: 'star' } | { kind: 'globstar' };

const compiled = new Map<string, GlobToken[]>();
/** Globs typed into an open wrangler config come one keystroke at a time: the cache is emptied past this size. */
const MAX_CACHED = 1000;

function tokensOf(glob: string): GlobToken[] {
  let tokens = compiled.get(glob);
  if (tokens) return tokens;
  tokens = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c !== '*') {
      tokens.push({ kind: 'char', char: c });
      continue;
    }
    const before = glob[i - 1];
    let stars = 1;
    while (glob[i + 1] === '*') {
      stars++;
      i++;
    }
    const after = glob[i + 1];
    if (stars > 1 && (before === '/' || before === undefined) && (after === '/' || after === undefined)) {
      tokens.push({ kind: 'globstar' });
      i++; // the `/` after it belongs to the globstar (glob-to-regexp: `((?:[^/]*(?:/|$))*)`)
    } else {
      tokens.push({ kind: 'star' });
    }
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(glob, tokens);
  return tokens;
}

/** Whether `path` (relative to base_dir, `/`-separated) matches `glob` as wrangler matches it, whole. */
export function matchesWranglerGlob(glob: string, path: string): boolean {
  const n = path.length;
  // reachable[p]: the tokens so far can match path[0, p).
  let reachable = new Uint8Array(n + 1);
  reachable[0] = 1;
  for (const token of tokensOf(glob)) {
    const next = new Uint8Array(n + 1);
    let any = false;
    if (token.kind === 'char') {
      for (let p = 0; p < n; p++) {
        if (reachable[p] && path[p] === token.char) {
          next[p + 1] = 1;
          any = true;
        }
      }
    } else if (token.kind === 'star') {
      // From each reachable p, every q >= p with no `/` in path[p, q).
      let open = false;
      for (let p = 0; p <= n; p++) {
        if (reachable[p]) open = true;
        if (open) {
          next[p] = 1;
          any = true;
        }
        if (p < n && path.charCodeAt(p) === 47) open = false;
      }
    } else {
      // `(?:[^/]*(?:/|$))*` from i: path[i, j) for j = i, for j right after a `/` at or past i, and for j = n.
      let seenBefore = false;
      for (let p = 0; p <= n; p++) {
        if (reachable[p] || (seenBefore && (p === n || path.charCodeAt(p - 1) === 47))) {
          next[p] = 1;
          any = true;
        }
        if (reachable[p]) seenBefore = true;
      }
    }
    if (!any) return false;
    reachable = next;
  }
  return reachable[n] === 1;
}
