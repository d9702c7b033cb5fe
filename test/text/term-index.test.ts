// The lookup structures of the content scans: code-unit index order, and the protected-term block index finding
// exactly the near-miss windows a full count over every window and every term finds.
import { describe, expect, it } from 'vitest';
import { loadDictionaries, type ProtectedTerm } from '../../src/text/dictionaries.ts';
import { nearMisses, prefixIndex, protectedIndex, type ProtectedIndex } from '../../src/text/term-index.ts';
import { createSegmenter } from '../../src/text/segmenter.ts';

/** Every (start, term) window whose indexed characters match at least minMatched times but not all: the definition. */
function nearMissesByFullCount(text: string, index: ProtectedIndex): string[] {
  // Per term, the code unit of each character that can match (not punctuation, not astral), else -1.
  const codes = index.terms.map((t) => t.chars.map((c) => (/[\p{P}\s]/u.test(c) || c.length !== 1 ? -1 : c.charCodeAt(0))));
  const out: string[] = [];
  for (let start = 0; start < text.length; start++) {
    index.terms.forEach((t, ti) => {
      if (start + t.chars.length > text.length) return;
      const matched = codes[ti]!.filter((code, k) => code >= 0 && text.charCodeAt(start + k) === code).length;
      if (matched >= t.minMatched && matched < t.hanCount) out.push(`${start}:${ti}`);
    });
  }
  return out.sort();
}

/** Deterministic text of term characters: terms whole, terms with characters swapped, loose characters. */
function denseText(terms: ProtectedTerm[], length: number, seed: number): string {
  let s = seed;
  const rnd = (n: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff) % n);
  const chars = [...new Set(terms.flatMap((t) => [...t.term]))];
  let text = '';
  while (text.length < length) {
    const term = [...terms[rnd(terms.length)]!.term];
    const r = rnd(10);
    if (r < 4) for (let i = 0, n = 1 + rnd(3); i < n; i++) term[rnd(term.length)] = chars[rnd(chars.length)]!;
    text += r < 8 ? term.join('') : chars[rnd(chars.length)]! + (rnd(4) ? '' : '\n');
  }
  return text;
}

describe('term index', () => {
  it('lists the entries of a code unit longest key first, then in file order, with the second code unit', () => {
    const idx = prefixIndex(['秸杆', '秸杆还田', '己经', '秸子', ''], (k) => k);
    const code = '秸'.charCodeAt(0);
    const rows = [];
    for (let e = idx.byCode.from[code]! * 2; e < idx.byCode.from[code + 1]! * 2; e += 2) rows.push([idx.keys[idx.byCode.entries[e]!], idx.byCode.entries[e + 1]]);
    expect(rows).toEqual([
      ['秸杆还田', '杆'.charCodeAt(0)],
      ['秸杆', '杆'.charCodeAt(0)],
      ['秸子', '子'.charCodeAt(0)],
    ]);
    expect(idx.items).not.toContain('');
  });

  it('finds exactly the near-miss windows a full count finds, on the shipped terms', () => {
    const terms = loadDictionaries().protectedTerms;
    const index = protectedIndex(terms);
    for (const seed of [1, 2, 3]) {
      const text = denseText(terms, 3000, seed);
      const found = nearMisses(text, index).map(([start, ti]) => `${start}:${ti}`).sort();
      expect(found.length).toBeGreaterThan(50);
      expect(found).toEqual(nearMissesByFullCount(text, index));
    }
  });

  it('finds exactly the near-miss windows a full count finds, for terms with punctuation, astral characters and repeats', () => {
    const terms = ['不忘初心、牢记使命', '王、建国', '𠀀建国家', '甲乙、、', '会议会议会', '人民代表大会常务委员会', '中国'].map((term) => ({ term, category: '地方', source: 'test' }));
    const index = protectedIndex(terms);
    expect(index.terms.map((t) => t.term)).not.toContain('中国');
    for (const seed of [4, 5, 6, 7]) {
      const text = denseText(terms, 2000, seed);
      expect(nearMisses(text, index).map(([start, ti]) => `${start}:${ti}`).sort()).toEqual(nearMissesByFullCount(text, index));
    }
  });
});

describe('segmenter boundaries', () => {
  it('give a repeated sentence the boundaries of a fresh segmentation', () => {
    const seg = createSegmenter([]);
    const sentence = '我们自己经常讲';
    const first = seg.boundaries(sentence);
    expect(seg.boundaries(['我们', '自己经常讲'].join(''))).toBe(first);
    let pos = 0;
    expect([...first].sort((a, b) => a - b)).toEqual([0, ...seg.cut(sentence).map((w) => (pos += w.length))]);
  });
});
