// checks stage: typo.serious — a wrong form from the typo-pair dictionary (秸杆 → 秸秆), reported only when it
// starts and ends on word boundaries of the segmentation, so 自己经常 never reports 己经.
import type { ContentService } from '../text/content-service.ts';
import type { PrefixIndex } from '../text/term-index.ts';
import type { TypoPair } from '../text/dictionaries.ts';
import { defineContentCheck, type TextHit } from './content-check.ts';

/** 。！？!?；;\n — where the sentence that is segmented ends. */
function isSentenceEnd(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0x21 || code === 0x3f || code === 0xff1b || code === 0x3b || code === 0x0a;
}

/**
 * Where a wrong form of the index starts at `i`: the index of its pair after `after` (pass -1 first), or -1. Longest
 * forms come first. Kept apart from the scan so the hot loop compiles small; reads stay inside the text.
 */
function nextWrongForm(text: string, i: number, index: PrefixIndex<TypoPair>, after: number): number {
  const { keys, byCode } = index;
  const { from, entries } = byCode;
  const code = text.charCodeAt(i);
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
  for (let e = after < 0 ? from[code]! * 2 : after + 2, eEnd = from[code + 1]! * 2; e < eEnd; e += 2) {
    const second = entries[e + 1]!;
    if (second !== -1 && second !== next) continue;
    if (keys[entries[e]!]!.length > 2 && !text.startsWith(keys[entries[e]!]!, i)) continue;
    return e;
  }
  return -1;
}

/** Finds typo-pair wrong forms on word boundaries. */
export function scanTypos(text: string, svc: ContentService): TextHit[] {
  const hits: TextHit[] = [];
  const { items, byCode } = svc.typoIndex;
  const { from } = byCode;
  // The sentence [s, sEnd) around the last form found, and its word boundaries relative to s.
  let s = -1;
  let sEnd = -1;
  let bounds: ReadonlySet<number> = new Set();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (from[code] === from[code + 1]) continue;
    for (let e = nextWrongForm(text, i, svc.typoIndex, -1); e >= 0; e = nextWrongForm(text, i, svc.typoIndex, e)) {
      const pair = items[byCode.entries[e]!]!;
      const end = i + pair.wrong.length;
      if (i < s || i >= sEnd) {
        s = i;
        while (s > 0 && !isSentenceEnd(text.charCodeAt(s - 1))) s--;
        sEnd = i;
        while (sEnd < text.length && !isSentenceEnd(text.charCodeAt(sEnd))) sEnd++;
        bounds = svc.segmenter.boundaries(text.slice(s, sEnd));
      }
      if (!bounds.has(i - s) || !bounds.has(end - s)) continue;
      hits.push({
        start: i,
        end,
        severity: pair.severity,
        message: `“${pair.wrong}”应为“${pair.right}”（${pair.category}）`,
        keyPart: pair.wrong,
        suggestion: pair.right,
        evidence: { wrong: pair.wrong, right: pair.right, category: pair.category },
      });
      i = end - 1;
      break;
    }
  }
  return hits;
}

export const typoSerious = defineContentCheck({
  id: 'typo.serious',
  title: '严重错别字',
  description: '页面和附件中出现错别字对照表里的错误写法（如“秸杆”应为“秸秆”），按分词边界匹配；政治术语类为单项否决级。',
  scan: (text, svc) => scanTypos(text, svc),
});
