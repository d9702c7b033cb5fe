// checks stage: sensitive.term — a term from the sensitive lists (博彩/色情 spam of defaced sites, 低俗/侮辱,
// 违法广告), with its category. Hidden page text is scanned too: that is where injected spam hides.
import type { ContentService } from '../text/content-service.ts';
import type { SensitiveTerm } from '../text/dictionaries.ts';
import type { PrefixIndex } from '../text/term-index.ts';
import { defineContentCheck, type ScanOptions, type TextHit } from './content-check.ts';

/** Words that make a sentence a warning or a crackdown report (打击六合彩赌博), not spam. */
const REPORTING = /(打击|严禁|取缔|查处|防范|警惕|谨防|举报|违法|犯罪|整治|禁止|抵制|揭露|曝光|破获|查获|涉嫌)/;
const SENTENCE = /[。！？!?；;\n]/;

function sentenceOf(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && !SENTENCE.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !SENTENCE.test(text[e]!)) e++;
  return text.slice(s, e);
}

/** ASCII capitals to lower case, as a code unit: terms are matched without a lower-cased copy of the text. */
function fold(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/**
 * Where a (lower-cased) term of the index starts at `i`: its entry after `after` (pass -1 first), or -1. Longest
 * terms come first. Kept apart from the scan so the hot loop compiles small; reads stay inside the text.
 */
function nextTerm(text: string, i: number, index: PrefixIndex<SensitiveTerm>, after: number): number {
  const { keys, byCode } = index;
  const { from, entries } = byCode;
  const code = fold(text.charCodeAt(i));
  const next = i + 1 < text.length ? fold(text.charCodeAt(i + 1)) : -1;
  for (let e = after < 0 ? from[code]! * 2 : after + 2, eEnd = from[code + 1]! * 2; e < eEnd; e += 2) {
    const second = entries[e + 1]!;
    if (second !== -1 && second !== next) continue;
    const key = keys[entries[e]!]!;
    if (i + key.length > text.length) continue;
    let j = 2;
    while (j < key.length && fold(text.charCodeAt(i + j)) === key.charCodeAt(j)) j++;
    if (j >= key.length) return e;
  }
  return -1;
}

/**
 * Finds sensitive terms (ASCII letters case-insensitively); short terms only on word boundaries. Certain where spam
 * looks injected — in hidden text or the title, or two different terms in one text; otherwise suspected.
 */
export function scanSensitive(text: string, svc: ContentService, options: ScanOptions = {}): TextHit[] {
  const { items, byCode } = svc.sensitiveIndex;
  const { from } = byCode;
  const hits: TextHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = fold(text.charCodeAt(i));
    if (from[code] === from[code + 1]) continue;
    for (let e = nextTerm(text, i, svc.sensitiveIndex, -1); e >= 0; e = nextTerm(text, i, svc.sensitiveIndex, e)) {
      const t = items[byCode.entries[e]!]!;
      const end = i + t.term.length;
      if (t.term.length <= 3) {
        const sentence = sentenceOf(text, i, end);
        const offset = text.lastIndexOf(sentence, i);
        const b = svc.segmenter.boundaries(sentence);
        if (!b.has(i - offset) || !b.has(end - offset)) continue;
      }
      if (REPORTING.test(sentenceOf(text, i, end))) continue;
      hits.push({
        start: i,
        end,
        severity: t.severity,
        certainty: options.region === 'hidden' || options.region === 'title' ? 'certain' : 'suspected',
        message: `出现${t.category}类敏感词“${text.slice(i, end)}”`,
        keyPart: t.term,
        evidence: { term: text.slice(i, end), category: t.category },
      });
      i = end - 1;
      break;
    }
  }
  if (new Set(hits.map((h) => h.keyPart)).size >= 2) for (const h of hits) h.certainty = 'certain';
  return hits;
}

export const sensitiveTerm = defineContentCheck({
  id: 'sensitive.term',
  title: '敏感词',
  description: '页面（含隐藏文字）和附件中出现敏感词表中的词语（博彩、色情等被篡改网站常见的垃圾内容，低俗侮辱用语，违法广告），标明类别；报道打击、防范类语句不报。',
  scan: (text, svc, options) => scanSensitive(text, svc, options),
});
