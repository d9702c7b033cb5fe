// text stage: the content service — dictionaries, the segmenter and the lookup structures built once per process
// and shared by the content checks through `ctx.services.content`; it also caches each page's and attachment's
// extracted text so seven checks do not parse the same file seven times.
import { dirname } from 'node:path';
import { pinyin } from 'pinyin-pro';
import type { CheerioAPI } from 'cheerio';
import type { ContentSettings } from '../config/schema-content.ts';
import { loadDictionaries, type ContentDictionaries, type ProtectedTerm, type SensitiveTerm, type TypoPair, type UserWord } from './dictionaries.ts';
import { createSegmenter, type Segmenter } from './segmenter.ts';
import { extractHtmlText, type RegionText } from './extract-html.ts';
import { AttachmentParser, extractAttachmentText, type AttachmentText } from './extract-attachment.ts';

/** A protected term with its characters, for the near-miss index. */
export interface IndexedTerm extends ProtectedTerm {
  chars: string[];
  /** Characters that are indexed (Han and other non-punctuation characters). */
  hanCount: number;
}

/** Protected terms of 3+ characters, indexed by character. */
export interface ProtectedIndex {
  terms: IndexedTerm[];
  /** Characters of the longest term. */
  maxLength: number;
  /** Code unit → (term index, position in the term) for every indexed character of every term. */
  byCode: CodeIndex;
  /** By term index: indexed characters (non-punctuation), and the fewest of them a near-miss window matches. */
  hanCount: Int32Array;
  minMatched: Int32Array;
}

/** Everything the content checks share. */
export interface ContentService {
  settings: ContentSettings;
  dictionaries: ContentDictionaries;
  segmenter: Segmenter;
  /** Typo pairs by the first code unit of the wrong form. */
  typoIndex: PrefixIndex<TypoPair>;
  /** Sensitive terms (lower-cased) by first code unit. */
  sensitiveIndex: PrefixIndex<SensitiveTerm>;
  /** Protected terms of 3+ characters and the index of their characters, for the near-miss scan. */
  protectedIndex: ProtectedIndex;
  /** Exact protected forms, for "is this window itself a protected term". */
  protectedSet: Set<string>;
  /** True when two characters sound the same (pinyin without tones, any reading). */
  sameSound(a: string, b: string): boolean;
  /** True when two characters are listed as look-alikes. */
  lookAlike(a: string, b: string): boolean;
  /** Allow-list phrases for a site (global + the site's own). */
  allowFor(siteId: string | undefined): string[];
  /** Visible text of a page by region, cached per parsed document. */
  pageText($: CheerioAPI): RegionText[];
  /** Text of an attachment, cached per body buffer. */
  attachmentText(body: Buffer, name?: string, contentType?: string): Promise<AttachmentText>;
  /** The worker thread that parses binary attachments (started on first use; does not keep the process alive). */
  parser: AttachmentParser;
}

/**
 * Character → entries, keyed by UTF-16 code unit in flat typed arrays (compressed rows): the entries of code c are
 * `entries[from[c] .. from[c + 1])`, `stride` numbers each. A lookup is two array reads and no one-character string
 * is made, which is what a per-character Map.get of the scanned text costs. (No npm package offers this; 260 KB.)
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
 * Dictionary entries by the first UTF-16 code unit of their key, longest key first (then file order). An entry of
 * `byCode` is (index into `items`, second code unit of the key or -1), so most non-matches are rejected on two
 * code units without reading the key. A JS Aho–Corasick (modern-ahocorasick, by grapheme) was 40× slower here.
 */
export interface PrefixIndex<T> {
  items: T[];
  keys: string[];
  byCode: CodeIndex;
}

function prefixIndex<T>(all: T[], key: (t: T) => string): PrefixIndex<T> {
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

export interface ContentServiceOptions {
  /** The config file path (`<inline>` or absolute): extra dictionary paths resolve against its folder. */
  configSource?: string;
}

/** Builds the content service. Loads jieba and every dictionary: call once per process. */
export function createContentService(settings: ContentSettings, options: ContentServiceOptions = {}): ContentService {
  const src = options.configSource;
  const baseDir = src && !src.startsWith('<') ? dirname(src) : process.cwd();
  const d = settings.dictionaries;
  const dictionaries = loadDictionaries({
    dir: d.dir,
    baseDir,
    typoPairs: d.typoPairs,
    protectedTerms: d.protectedTerms,
    sensitiveTerms: d.sensitiveTerms,
    allow: d.allow,
    userDict: d.userDict,
    inlineProtected: settings.protectedTerms,
    inlineAllow: settings.allow,
    allowBySite: settings.allowBySite,
  });

  // Right forms and protected terms become words too, so they are never split and mis-flagged.
  const extraWords: UserWord[] = [
    ...dictionaries.typoPairs.map((p) => ({ word: p.right, freq: 3000 })),
    ...dictionaries.protectedTerms.filter((t) => !/[、，\s]/.test(t.term)).map((t) => ({ word: t.term, freq: 3000 })),
    ...dictionaries.allow.filter((a) => !/\s/.test(a)).map((a) => ({ word: a, freq: 3000 })),
  ];
  const segmenter = createSegmenter([...dictionaries.userWords, ...extraWords]);

  const protectedTerms: IndexedTerm[] = dictionaries.protectedTerms
    .map((t) => ({ ...t, chars: [...t.term], hanCount: [...t.term].filter((c) => !/[\p{P}\s]/u.test(c)).length }))
    .filter((t) => t.chars.length >= 3);
  // Only single-code-unit characters can equal one code unit of the text (astral ones never matched either).
  const protectedIndex: ProtectedIndex = {
    terms: protectedTerms,
    maxLength: protectedTerms.reduce((m, t) => Math.max(m, t.chars.length), 1),
    byCode: buildCodeIndex(
      protectedTerms.flatMap((t, i) =>
        t.chars.flatMap((c, k): Array<[number, number[]]> => (/[\p{P}\s]/u.test(c) || c.length !== 1 ? [] : [[c.charCodeAt(0), [i, k]]])),
      ),
      2,
    ),
    hanCount: Int32Array.from(protectedTerms, (t) => t.hanCount),
    // One character off, two for terms of 6+; a window sharing no character with a term is never a near-miss.
    minMatched: Int32Array.from(protectedTerms, (t) => Math.max(1, t.hanCount - (t.chars.length >= 6 ? 2 : 1))),
  };

  const soundCache = new Map<string, string[]>();
  const sounds = (c: string) => {
    let s = soundCache.get(c);
    if (!s) {
      s = /\p{Script=Han}/u.test(c) ? pinyin(c, { toneType: 'none', multiple: true, type: 'array' }) : [];
      soundCache.set(c, s);
    }
    return s;
  };

  const parser = new AttachmentParser(settings.attachments.timeoutMs);
  const pageCache = new WeakMap<CheerioAPI, RegionText[]>();
  const attachmentCache = new WeakMap<Buffer, Promise<AttachmentText>>();

  return {
    settings,
    parser,
    dictionaries,
    segmenter,
    typoIndex: prefixIndex(dictionaries.typoPairs, (p) => p.wrong),
    sensitiveIndex: prefixIndex(
      dictionaries.sensitiveTerms.map((t) => ({ ...t, term: t.term.toLowerCase() })),
      (t) => t.term,
    ),
    protectedIndex,
    protectedSet: new Set(dictionaries.protectedTerms.map((t) => t.term)),
    sameSound(a, b) {
      const sa = sounds(a);
      if (!sa.length) return false;
      const sb = sounds(b);
      return sa.some((x) => sb.includes(x));
    },
    lookAlike: (a, b) => dictionaries.confusables.get(a)?.has(b) ?? false,
    allowFor: (siteId) => [...dictionaries.allow, ...(siteId ? (dictionaries.allowBySite[siteId] ?? []) : [])],
    pageText($) {
      let cached = pageCache.get($);
      if (!cached) pageCache.set($, (cached = extractHtmlText($)));
      return cached;
    },
    attachmentText(body, name, contentType) {
      let cached = attachmentCache.get(body);
      if (!cached) {
        cached = extractAttachmentText(body, { maxBytes: settings.attachments.maxBytes, maxChars: settings.attachments.maxChars, name, contentType, parser });
        attachmentCache.set(body, cached);
      }
      return cached;
    },
  };
}
