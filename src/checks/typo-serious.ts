// checks stage: typo.serious — a wrong form from the typo-pair dictionary (秸杆 → 秸秆), reported only when it
// starts and ends on word boundaries of the segmentation, so 自己经常 never reports 己经.
import type { ContentService } from '../text/content-service.ts';
import { defineContentCheck, type TextHit } from './content-check.ts';

/** 。！？!?；;\n — where the sentence that is segmented ends. */
function isSentenceEnd(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0x21 || code === 0x3f || code === 0xff1b || code === 0x3b || code === 0x0a;
}

/** Finds typo-pair wrong forms on word boundaries. */
export function scanTypos(text: string, svc: ContentService): TextHit[] {
  const hits: TextHit[] = [];
  // Word boundaries of the sentence that holds a position, relative to the sentence start `s`.
  let s = -1;
  let sEnd = -1;
  let bounds: ReadonlySet<number> = new Set();
  const onBoundaries = (start: number, end: number): boolean => {
    if (start < s || start >= sEnd) {
      s = start;
      while (s > 0 && !isSentenceEnd(text.charCodeAt(s - 1))) s--;
      sEnd = start;
      while (sEnd < text.length && !isSentenceEnd(text.charCodeAt(sEnd))) sEnd++;
      bounds = svc.segmenter.boundaries(text.slice(s, sEnd));
    }
    return bounds.has(start - s) && bounds.has(end - s);
  };
  const { items, keys, byCode } = svc.typoIndex;
  const { from, entries } = byCode;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const eEnd = from[code + 1]! * 2;
    let e = from[code]! * 2;
    if (e === eEnd) continue;
    const next = text.charCodeAt(i + 1);
    for (; e < eEnd; e += 2) {
      const second = entries[e + 1]!;
      if (second !== -1 && second !== next) continue;
      const wrong = keys[entries[e]!]!;
      if (wrong.length > 2 && !text.startsWith(wrong, i)) continue;
      const pair = items[entries[e]!]!;
      const end = i + wrong.length;
      if (!onBoundaries(i, end)) continue;
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
