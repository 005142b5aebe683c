// Does a literal look like a credential? A conservative heuristic for SAG602: well-known token formats, PEM
// private keys, and long random-looking strings (entropy plus a mix of character classes). URLs, paths, words,
// aliases, UUIDs and placeholders never qualify, so ordinary config values do not light up.

const KNOWN_FORMATS: { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a PEM private key' },
  { pattern: /^(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}$/, what: 'a Stripe secret key' },
  { pattern: /^(?:AKIA|ASIA)[0-9A-Z]{16}$/, what: 'an AWS access key id' },
  { pattern: /^gh[pousr]_[A-Za-z0-9]{36,}$/, what: 'a GitHub token' },
  { pattern: /^github_pat_[A-Za-z0-9_]{40,}$/, what: 'a GitHub token' },
  { pattern: /^xox[abprs]-[A-Za-z0-9-]{10,}$/, what: 'a Slack token' },
  { pattern: /^AIza[0-9A-Za-z_-]{35}$/, what: 'a Google API key' },
  { pattern: /^glpat-[A-Za-z0-9_-]{20,}$/, what: 'a GitLab token' },
  { pattern: /^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/, what: 'a SendGrid key' },
  { pattern: /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/, what: 'a signed JWT (e.g. a Supabase service key)' },
];

/** Key names that announce a credential; with one, a shorter random-looking value is enough. */
const SECRET_KEY_NAME = /(secret|token|passw(or)?d|pwd|api[-_]?key|apikey|private[-_]?key|credential|access[-_]?key|signing[-_]?key)/i;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_CHARSET = /^[A-Za-z0-9+/=_\-.~]+$/;
const HEX = /^[0-9a-f]+$/i;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** What the value looks like ("a GitHub token", "a random key"), or undefined when it does not look secret. */
export function secretLikeness(value: string, keyName = ''): string | undefined {
  if (value.length < 12 || value.length > 8192 || value.startsWith('$')) return undefined;
  for (const { pattern, what } of KNOWN_FORMATS) if (pattern.test(value)) return what;
  if (!TOKEN_CHARSET.test(value) || value.includes('://') || value.startsWith('/') || value.startsWith('./') || UUID.test(value)) return undefined;
  // Dotted names (hosts, versions, `a.b.c` keys) are configuration, not keys.
  if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value) && !/\d{4,}/.test(value)) return undefined;
  const hinted = SECRET_KEY_NAME.test(keyName);
  const classes = Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/[0-9]/.test(value));
  const hasDigit = /[0-9]/.test(value);
  const entropy = shannonEntropy(value);
  if (HEX.test(value) && hasDigit && /[a-f]/i.test(value)) {
    return value.length >= (hinted ? 16 : 32) && entropy >= 3 ? 'a random hex key' : undefined;
  }
  if (hinted) return value.length >= 16 && classes >= 2 && hasDigit && entropy >= 3.5 ? 'a random key' : undefined;
  // CamelCase words with a year (`HelloWorldFromTheGateway2024`) are mostly runs of same-case letters;
  // in generated keys such runs are short and rare.
  return value.length >= 24 && classes === 3 && entropy >= 4 && wordiness(value) < 0.55 ? 'a random key' : undefined;
}

/** Share of characters that sit in runs of three or more letters of one case. */
export function wordiness(text: string): number {
  let inWords = 0;
  let run = 0;
  let runCase = '';
  const close = (): void => {
    if (run >= 3) inWords += run;
  };
  for (const ch of text) {
    const kind = ch >= 'a' && ch <= 'z' ? 'l' : ch >= 'A' && ch <= 'Z' ? 'u' : '';
    if (kind !== '' && kind === runCase) {
      run++;
      continue;
    }
    close();
    run = kind === '' ? 0 : 1;
    runCase = kind;
  }
  close();
  return text.length === 0 ? 0 : inWords / text.length;
}
