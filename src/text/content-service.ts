// text stage: the content service — dictionaries, the segmenter and the lookup structures built once per process
// and shared by the content checks through `ctx.services.content`; it also caches each page's and attachment's
// extracted text so seven checks do not parse the same file seven times.
import { dirname } from 'node:path';
import { polyphonic } from 'pinyin-pro';
import type { CheerioAPI } from 'cheerio';
import type { ContentSettings } from '../config/schema-content.ts';
import { loadDictionaries, type ContentDictionaries, type SensitiveTerm, type TypoPair, type UserWord } from './dictionaries.ts';
import { prefixIndex, protectedIndex, type PrefixIndex, type ProtectedIndex } from './term-index.ts';
import { createSegmenter, type Segmenter } from './segmenter.ts';
import { extractHtmlText, type RegionText } from './extract-html.ts';
import { AttachmentParser, extractAttachmentText, type AttachmentText } from './extract-attachment.ts';

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

  const soundCache = new Map<string, string[]>();
  const sounds = (c: string) => {
    let s = soundCache.get(c);
    if (!s) {
      // polyphonic(): every reading of the character, as pinyin(…, { multiple: true }) gives them (the same sets for
      // all 94,230 Han code points), without pinyin()'s first-call build of its phrase automaton (~50 ms).
      s = /\p{Script=Han}/u.test(c) ? (polyphonic(c, { toneType: 'none', type: 'array' })[0] ?? []) : [];
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
    protectedIndex: protectedIndex(dictionaries.protectedTerms),
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
