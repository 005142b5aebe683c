// "Did you mean …?" suggestions for misspelled keys, aliases, bindings and enum values.

/** Damerau-Levenshtein (optimal string alignment) distance, bounded for speed. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/** Keys compare case- and separator-insensitively first (`preProcess`, `pre-process` -> `pre_process`). */
function folded(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

/** The closest candidate, or undefined when nothing is close enough to be a likely typo. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const f = folded(name);
  for (const candidate of candidates) {
    if (candidate === name) return candidate;
    const score = folded(candidate) === f ? 0 : editDistance(f, folded(candidate), 3) + 0.5;
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(name.length, best.length) / 3)));
  return bestScore <= limit + 0.5 ? best : undefined;
}

/** "; did you mean `X`?" or "" — ready to append to a message. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closestMatch(name, candidates);
  return match !== undefined && match !== name ? `; did you mean \`${match}\`?` : '';
}
