// "Did you mean …?" suggestions for misspelled keys, aliases, bindings and enum values.

/** Three rolling rows of the distance table, grown on demand and reused: no allocation per comparison. */
let rowBeforePrevious = new Int32Array(64);
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Damerau-Levenshtein (optimal string alignment) distance of `a` and `b` when it is at most `k`, else k + 1: only
 * the band of cells with |i - j| <= k is computed (a cell outside it is more than k), with values capped at k + 1
 * and an early exit once a whole row exceeds k. An empty `b` counts as too far (no empty name is suggested).
 */
function distanceWithin(a: string, b: string, k: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > k) return k + 1;
  const over = k + 1;
  if (currentRow.length < m + 2) {
    rowBeforePrevious = new Int32Array(m + 2);
    previousRow = new Int32Array(m + 2);
    currentRow = new Int32Array(m + 2);
  }
  let d2 = rowBeforePrevious;
  let d1 = previousRow;
  let d0 = currentRow;
  // Row 0 up to the band's edge, then the sentinel just past it (what row 1 reads there).
  const first = Math.min(m, k + 1);
  for (let j = 0; j <= first; j++) d0[j] = j < over ? j : over;
  for (let i = 1; i <= n; i++) {
    const spare = d2;
    d2 = d1;
    d1 = d0;
    d0 = spare;
    const lo = i - k > 1 ? i - k : 1;
    const hi = i + k < m ? i + k : m;
    // Left of the band: column 0 (i edits) or a cell known to exceed k.
    d0[lo - 1] = lo === 1 ? (i < over ? i : over) : over;
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    let rowMin = over;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = d1[j]! + 1;
      const insert = d0[j - 1]! + 1;
      if (insert < v) v = insert;
      const substitute = d1[j - 1]! + (ai === bj ? 0 : 1);
      if (substitute < v) v = substitute;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
        const transpose = d2[j - 2]! + 1;
        if (transpose < v) v = transpose;
      }
      if (v > over) v = over;
      d0[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Right of the band: what the next row reads at its own right edge.
    if (hi < m) d0[hi + 1] = over;
    if (rowMin > k) return over;
  }
  return d0[m]!;
}

/** Keys compare case- and separator-insensitively first (`preProcess`, `pre-process` -> `pre_process`). */
function fold(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * Folded forms of the names seen lately: the same candidate lists (500 bindings, every alias) are searched
 * again and again, and folding allocates. Bounded, so that a long session does not keep every name.
 */
const foldedNames = new Map<string, string>();
const MAX_FOLDED = 20_000;

function folded(s: string): string {
  let f = foldedNames.get(s);
  if (f === undefined) {
    if (foldedNames.size >= MAX_FOLDED) foldedNames.clear();
    f = fold(s);
    foldedNames.set(s, f);
  }
  return f;
}

/** Farthest a suggestion may be (the limit below never exceeds it). */
const MAX_DISTANCE = 3;

/** The closest candidate, or undefined when nothing is close enough to be a likely typo. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  // The first candidate with the lowest score wins; only scores up to MAX_DISTANCE + 0.5 can pass the limit,
  // so candidates that cannot beat the best so far (or that limit) are skipped without a full comparison.
  let best: string | undefined;
  let bestScore = Infinity;
  const f = folded(name);
  for (const candidate of candidates) {
    if (candidate === name) return candidate;
    if (bestScore === 0) continue; // nothing but the name itself can beat an exact folded match
    const fc = folded(candidate);
    let score: number;
    if (fc === f) score = 0;
    else {
      // A distance d scores d + 0.5, which must be below bestScore: d <= bestScore - 1.5.
      const bound = bestScore === Infinity ? MAX_DISTANCE : Math.min(MAX_DISTANCE, bestScore - 1.5);
      if (bound < 1 || Math.abs(fc.length - f.length) > bound) continue;
      score = distanceWithin(f, fc, bound) + 0.5;
      if (score > MAX_DISTANCE + 0.5) continue;
    }
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
export function didYouMean(name: string, candidates: Iterable<string> | Suggest): string {
  const match = typeof candidates === 'function' ? candidates(name) : closestMatch(name, candidates);
  return match !== undefined && match !== name ? `; did you mean \`${match}\`?` : '';
}

export type Suggest = (name: string) => string | undefined;

/** Above this many candidates a suggester answers from an index. */
export const LARGE_CANDIDATE_SET = 256;

/** Longer folded candidates are found by their exact and folded forms only (not indexed one edit away). */
const MAX_INDEXED_LENGTH = 64;
/** Typos answered by a pass over the candidates before the index is built (it pays off over many). */
const SCANNED_TYPOS = 8;

/**
 * closestMatch for many names against one set of candidates, which is what a rule needs when it may ask once per
 * route. Up to LARGE_CANDIDATE_SET candidates it is closestMatch itself. Above, each name is a few lookups in an
 * index of the candidates instead of a pass over all of them: a config with 10,000 aliases and 10,000 misspelled
 * references took minutes (10^8 comparisons). The index finds the likely typos (the name itself, the same name in
 * another case or separator style, a candidate one edit away, the first one in candidate order as closestMatch
 * picks), not candidates two or three edits away.
 */
export function suggester(candidates: Iterable<string>): Suggest {
  const list = [...candidates];
  if (list.length <= LARGE_CANDIDATE_SET) return (name) => closestMatch(name, list);
  const exact = new Set(list);
  const foldedList = list.map(fold);
  /** Folded form -> index of the first candidate with it. */
  const byFolded = new Map<string, number>();
  for (let i = 0; i < list.length; i++) if (!byFolded.has(foldedList[i]!)) byFolded.set(foldedList[i]!, i);
  /**
   * A folded form with one character deleted -> indexes of the candidates it comes from, ascending. Built at the
   * SCANNED_TYPOS+1-th name that is no candidate in any case (a typo): most checks ask only for names that are
   * there, a config with a typo or two is answered by a pass over the candidates, and the index of 500 bindings is
   * ~10,000 strings (~1 MB that lives as long as the analysis).
   */
  let indexed: Map<string, number[]> | undefined;
  let typos = 0;
  const deletionIndex = (): Map<string, number[]> => {
    if (indexed) return indexed;
    indexed = new Map();
    for (let i = 0; i < list.length; i++) {
      const f = foldedList[i]!;
      if (f.length > MAX_INDEXED_LENGTH) continue;
      for (const d of deletionsOf(f)) {
        const at = indexed.get(d);
        if (!at) indexed.set(d, [i]);
        else if (at[at.length - 1] !== i) at.push(i);
      }
    }
    return indexed;
  };
  return (name) => {
    if (exact.has(name)) return name;
    const f = fold(name);
    const same = byFolded.get(f);
    if (same !== undefined) return list[same];
    // One edit away: the candidate has one character more (f is one of its deletions), one less (it is one of
    // f's deletions), or one other or two swapped (they share a deletion; confirmed, as sharing one is not enough).
    let best = -1;
    if (++typos <= SCANNED_TYPOS) {
      // The same answer as the index gives: the first candidate one edit away (the index skips longer ones).
      for (let i = 0; i < list.length && best < 0; i++) {
        const c = foldedList[i]!;
        if (c.length <= MAX_INDEXED_LENGTH && distanceWithin(f, c, 1) <= 1) best = i;
      }
      return best < 0 ? undefined : list[best];
    }
    const byDeletion = deletionIndex();
    const consider = (i: number): void => {
      if ((best < 0 || i < best) && distanceWithin(f, foldedList[i]!, 1) <= 1) best = i;
    };
    for (const i of byDeletion.get(f) ?? []) consider(i);
    if (f.length <= MAX_INDEXED_LENGTH + 1) {
      for (const d of deletionsOf(f)) {
        const shorter = byFolded.get(d);
        if (shorter !== undefined) consider(shorter);
        for (const i of byDeletion.get(d) ?? []) consider(i);
      }
    }
    return best < 0 ? undefined : list[best];
  };
}

/** `s` with one character deleted, each distinct string once. */
function deletionsOf(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    // Deleting either of two equal neighbours gives the same string.
    if (i > 0 && s.charCodeAt(i) === s.charCodeAt(i - 1)) continue;
    out.push(s.slice(0, i) + s.slice(i + 1));
  }
  return out;
}
