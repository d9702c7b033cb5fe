// text stage: Chinese word segmentation with @node-rs/jieba (prebuilt binary, dictionary load ≈ 0.3 s), loaded once
// per process by the content service, with the government user dictionary on top of jieba's own.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { UserWord } from './dictionaries.ts';

/** A loaded segmenter. */
export interface Segmenter {
  /** Words of the text, in order; their concatenation is the text. */
  cut(text: string): string[];
  /**
   * Offsets (UTF-16 code units) where a word starts or ends, including 0 and text.length. Shared with later calls
   * for the same text (footers and boilerplate repeat on every page): do not modify.
   */
  boundaries(text: string): ReadonlySet<number>;
  /** Milliseconds the dictionaries took to load. */
  readonly loadMs: number;
  /** Number of user-dictionary words loaded. */
  readonly userWordCount: number;
}

/** Jieba's user-dictionary format: `word freq [tag]` a line. Whitespace inside a word is not allowed by jieba. */
export function userDictBytes(words: readonly UserWord[]): Uint8Array {
  const lines = words.filter((w) => !/\s/.test(w.word)).map((w) => `${w.word} ${w.freq}${w.tag ? ` ${w.tag}` : ''}`);
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** Texts up to this length have their boundaries remembered, the most recently used this many (a few MB at most). */
const CACHE_TEXT_CHARS = 200;
const CACHE_ENTRIES = 2048;

/** Builds a segmenter with jieba's dictionary plus the given user words. Call once per process. */
export function createSegmenter(userWords: readonly UserWord[]): Segmenter {
  const started = performance.now();
  const jieba = Jieba.withDict(dict);
  if (userWords.length) jieba.loadDict(userDictBytes(userWords));
  const loadMs = performance.now() - started;
  // Least recently used first (a Map keeps insertion order); lru-cache would add a dependency for eight lines.
  const cache = new Map<string, ReadonlySet<number>>();
  return {
    loadMs,
    userWordCount: userWords.length,
    cut: (text) => (text ? jieba.cut(text, false) : []),
    boundaries(text) {
      const known = cache.get(text);
      if (known) {
        cache.delete(text);
        cache.set(text, known);
        return known;
      }
      const set = new Set<number>([0]);
      let pos = 0;
      for (const w of text ? jieba.cut(text, false) : []) {
        pos += w.length;
        set.add(pos);
      }
      set.add(text.length);
      if (text.length <= CACHE_TEXT_CHARS) {
        if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
        cache.set(text, set);
      }
      return set;
    },
  };
}
