// text stage: the lookup structures the content checks scan text with, built once per process by the content
// service. They are keyed by UTF-16 code unit in flat typed arrays: a lookup reads two numbers and makes no
// one-character string, which is what a Map.get(text[i]) at every position of every text cost.
import type { ProtectedTerm } from './dictionaries.ts';

/**
 * Code unit → entries in compressed rows: the entries of code c are `entries[from[c] * stride .. from[c + 1] * stride)`,
 * `stride` numbers each. 260 KB whatever the dictionary; no npm package offers this shape.
 */
export interface CodeIndex {
  from: Int32Array;
  entries: Int32Array;
  stride: number;
}

/** Builds a CodeIndex from (code unit, entry numbers) pairs; entries of a code keep the order they were given in. */
export function buildCodeIndex(items: Array<[code: number, entry: number[]]>, stride: number): CodeIndex {
  const counts = new Int32Array(0x10001);
  for (const [code] of items) counts[code + 1]!++;
  for (let c = 0; c < 0x10000; c++) counts[c + 1]! += counts[c]!;
  const from = counts.slice();
  const entries = new Int32Array(items.length * stride);
  const next = counts.slice(0, 0x10000);
  for (const [code, entry] of items) entries.set(entry, next[code]!++ * stride);
  return { from, entries, stride };
}

/**
 * Dictionary entries by the first code unit of their key, longest key first (then file order). An entry of
 * `byCode` is (index into `items`, second code unit of the key or -1), so most non-matches are rejected on two
 * code units without reading the key. A JS Aho–Corasick (modern-ahocorasick, by grapheme) was 40× slower here.
 */
export interface PrefixIndex<T> {
  items: T[];
  keys: string[];
  byCode: CodeIndex;
}

export function prefixIndex<T>(all: T[], key: (t: T) => string): PrefixIndex<T> {
  const items = all.filter((t) => key(t).length > 0).sort((a, b) => key(b).length - key(a).length);
  const keys = items.map(key);
  return {
    items,
    keys,
    byCode: buildCodeIndex(
      keys.map((k, i): [number, number[]] => [k.charCodeAt(0), [i, k.length > 1 ? k.charCodeAt(1) : -1]]),
      2,
    ),
  };
}

/** A protected term with its characters, for the near-miss index. */
export interface IndexedTerm extends ProtectedTerm {
  chars: string[];
  /** Characters that are indexed (Han and other non-punctuation characters). */
  hanCount: number;
  /** The fewest indexed characters a near-miss window matches: one off, two for terms of 6+ characters. */
  minMatched: number;
  /** Positions (in chars) of the indexed characters that are one code unit, and those code units. */
  at: Int32Array;
  codes: Int32Array;
}

/**
 * Protected terms of 3+ characters for the near-miss scan. A window is a near-miss candidate of a term when
 * `minMatched <= matched < hanCount` of its indexed characters equal the text's, so it has at most
 * `hanCount - minMatched` mismatches. Each term's matchable characters are cut into one more run (block) than
 * that: one block of a candidate matches whole (pigeonhole), so only windows where the first two characters of a
 * block match need counting — about 1 position in 13 of government prose, against every position before.
 */
export interface ProtectedIndex {
  terms: IndexedTerm[];
  /** Per term: its length in chars (the window length). */
  termLength: Int32Array;
  /** Per block: term index, position of its first character and its code unit, the second character's code unit
   * (-1 for a one-character block) and its distance from the first. */
  blockTerm: Int32Array;
  blockAt: Int32Array;
  blockCode: Int32Array;
  blockCode2: Int32Array;
  blockGap: Int32Array;
  /** Per term: its first block id (a term's blocks have consecutive ids). */
  blockFirst: Int32Array;
  /** Code unit of a block's first character → block id. */
  byCode: CodeIndex;
}

const PUNCT_OR_SPACE = /[\p{P}\s]/u;

/** Builds the near-miss index of the protected terms (those of 3+ characters; shorter ones are not matched alone). */
export function protectedIndex(all: ProtectedTerm[]): ProtectedIndex {
  const terms: IndexedTerm[] = [];
  const blockTerm: number[] = [];
  const blockAt: number[] = [];
  const blockCode: number[] = [];
  const blockCode2: number[] = [];
  const blockGap: number[] = [];
  const blockFirst: number[] = [];
  const byCode: Array<[number, number[]]> = [];
  for (const t of all) {
    const chars = [...t.term];
    if (chars.length < 3) continue;
    const indexed = chars.flatMap((c, k) => (PUNCT_OR_SPACE.test(c) ? [] : [k]));
    const hanCount = indexed.length;
    const minMatched = Math.max(1, hanCount - (chars.length >= 6 ? 2 : 1));
    // An astral character never equals one code unit of the text: it counts in hanCount but can never match.
    const at = Int32Array.from(indexed.filter((k) => chars[k]!.length === 1));
    const term: IndexedTerm = { ...t, chars, hanCount, minMatched, at, codes: Int32Array.from(at, (k) => chars[k]!.charCodeAt(0)) };
    const ti = terms.push(term) - 1;
    blockFirst.push(blockTerm.length);
    const n = Math.max(0, hanCount - minMatched) + 1;
    for (let j = 0, a = 0; j < n; j++) {
      const size = Math.floor(at.length / n) + (j < at.length % n ? 1 : 0);
      if (!size) continue;
      const id = blockTerm.length;
      blockTerm.push(ti);
      blockAt.push(at[a]!);
      blockCode.push(term.codes[a]!);
      blockCode2.push(size >= 2 ? term.codes[a + 1]! : -1);
      blockGap.push(size >= 2 ? at[a + 1]! - at[a]! : 0);
      byCode.push([term.codes[a]!, [id]]);
      a += size;
    }
  }
  return {
    terms,
    termLength: Int32Array.from(terms, (t) => t.chars.length),
    blockTerm: Int32Array.from(blockTerm),
    blockAt: Int32Array.from(blockAt),
    blockCode: Int32Array.from(blockCode),
    blockCode2: Int32Array.from(blockCode2),
    blockGap: Int32Array.from(blockGap),
    blockFirst: Int32Array.from(blockFirst),
    byCode: buildCodeIndex(byCode, 1),
  };
}

/**
 * Near-miss windows of the protected terms in `text`, as (start, term index), in no particular order: found where
 * the first two characters of one of the term's blocks match (see ProtectedIndex), counted once — at the term's
 * first block that matches there — and kept when enough, but not all, indexed characters match. Windows that
 * run past the end of the text are left out. The hot loop of typo.protected, kept apart so it compiles small and
 * early; every read is inside the text (an out-of-range charCodeAt deoptimizes it).
 */
export function nearMisses(text: string, index: ProtectedIndex): Array<[start: number, ti: number]> {
  const { terms, termLength, blockTerm, blockFirst, blockAt, blockCode, blockCode2, blockGap, byCode } = index;
  const { from, entries } = byCode;
  const n = text.length;
  const found: Array<[start: number, ti: number]> = [];
  for (let p = 0; p < n; p++) {
    const code = text.charCodeAt(p);
    for (let e = from[code]!, eEnd = from[code + 1]!; e < eEnd; e++) {
      const b = entries[e]!;
      const ti = blockTerm[b]!;
      const start = p - blockAt[b]!;
      if (start < 0 || start + termLength[ti]! > n) continue;
      if (blockCode2[b] !== -1 && text.charCodeAt(p + blockGap[b]!) !== blockCode2[b]) continue;
      // Counted at the term's first block that matches here (a term's blocks have consecutive ids).
      let b0 = blockFirst[ti]!;
      for (; b0 < b; b0++) {
        const q = start + blockAt[b0]!;
        if (text.charCodeAt(q) === blockCode[b0] && (blockCode2[b0] === -1 || text.charCodeAt(q + blockGap[b0]!) === blockCode2[b0])) break;
      }
      if (b0 < b) continue;
      const term = terms[ti]!;
      const { at, codes } = term;
      let matched = 0;
      for (let j = 0; j < at.length; j++) if (text.charCodeAt(start + at[j]!) === codes[j]) matched++;
      if (matched >= term.minMatched && matched < term.hanCount) found.push([start, ti]);
    }
  }
  return found;
}
