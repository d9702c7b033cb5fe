// checks stage: typo.protected — a near-miss of a protected term (国名、国家机构名称、领导人姓名、重要表述): same length,
// one character off (two for terms of 6+), each differing character a homophone or look-alike of the right one;
// plus impossible plenum names (二十届八中全会). Guards the 严重表述错误 veto: recall first, every hit names its term.
import type { ContentService } from '../text/content-service.ts';
import { nearMisses } from '../text/term-index.ts';
import { defineContentCheck, type TextHit, type ScanOptions } from './content-check.ts';

const HAN = /\p{Script=Han}/u;
/** Titles of the central leadership: a near-miss name next to one is certain. */
const TITLE_CENTRAL = /(总书记|主席|总理|委员长|国务委员|政治局常委|政治局委员|中央书记处书记|中央军委|中央纪委书记)/;
/** 同志 follows local officials' names too: a near-miss name next to it is only suspected. */
const TITLE_GENERIC = /同志/;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 二十三 → 23, 十 → 10, 十九 → 19. */
export function chineseNumber(s: string): number {
  if (!s.includes('十')) return CN_DIGITS[s] ?? NaN;
  const [tens, ones] = s.split('十');
  return (tens ? (CN_DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? NaN) : 0);
}

/** True when a typo pair already explains the difference (typo.serious reports it; one defect, one finding). */
function coveredByTypoPair(svc: ContentService, window: string, term: string): boolean {
  const { keys, items, byCode } = svc.typoIndex;
  for (let j = 0; j < window.length; j++) {
    const code = window.charCodeAt(j);
    for (let e = byCode.from[code]! * 2; e < byCode.from[code + 1]! * 2; e += 2) {
      const pair = items[byCode.entries[e]!]!;
      if (window.startsWith(keys[byCode.entries[e]!]!, j) && term.startsWith(pair.right, j) && pair.wrong.length === pair.right.length) return true;
    }
  }
  return false;
}

/** Finds near-misses of protected terms and impossible plenum names. */
export function scanProtected(text: string, svc: ContentService, _options: ScanOptions = {}): TextHit[] {
  const { terms } = svc.protectedIndex;
  const candidates = nearMisses(text, svc.protectedIndex);
  // In order of start; within a start, longest terms first (then dictionary order), so 习近平总书记 wins over 习近平.
  candidates.sort((x, y) => x[0] - y[0] || terms[y[1]]!.chars.length - terms[x[1]]!.chars.length || x[1] - y[1]);
  const hits: TextHit[] = [];
  const taken: Array<[number, number]> = [];
  for (const [start, ti] of candidates) {
    // One hit per start: skip the start's remaining candidates once one is reported.
    if (hits.length && hits[hits.length - 1]!.start === start) continue;
    const term = terms[ti]!;
    const L = term.chars.length;
    const maxDiff = L >= 6 ? 2 : 1;
    const window = text.slice(start, start + L);
    if (window === term.term || /[\n\t]/.test(window) || svc.protectedSet.has(window)) continue;
    const wChars = [...window];
    if (wChars.length !== L) continue;
    const diffs: Array<{ pos: number; wrong: string; right: string; kind: '同音' | '形近' }> = [];
    let ok = true;
    for (let k = 0; k < L && ok; k++) {
      const a = wChars[k]!;
      const b = term.chars[k]!;
      if (a === b) continue;
      if (!HAN.test(a) || !HAN.test(b)) ok = false;
      else if (svc.sameSound(a, b)) diffs.push({ pos: k, wrong: a, right: b, kind: '同音' });
      else if (svc.lookAlike(a, b)) diffs.push({ pos: k, wrong: a, right: b, kind: '形近' });
      else ok = false;
    }
    if (!ok || diffs.length === 0 || diffs.length > maxDiff) continue;
    // A bare 3-character name is only a leader's name next to a title.
    // Short terms have more innocent neighbours: a human confirms those before they fail a site.
    let certainty: 'certain' | 'suspected' = L >= 5 ? 'certain' : 'suspected';
    if (term.category === '领导人' && L <= 3) {
      const around = text.slice(Math.max(0, start - 8), start) + '|' + text.slice(start + L, start + L + 8);
      if (TITLE_CENTRAL.test(around)) certainty = 'certain';
      else if (TITLE_GENERIC.test(around)) certainty = 'suspected';
      else continue;
    }
    if (taken.some(([s, e]) => start < e && start + L > s)) continue;
    if (coveredByTypoPair(svc, window, term.term)) continue;
    taken.push([start, start + L]);
    hits.push({
      start,
      end: start + L,
      severity: 'veto',
      certainty,
      message: `“${window}”疑为“${term.term}”之误（${diffs.map((d) => `${d.wrong}→${d.right}，${d.kind}`).join('；')}）`,
      keyPart: window,
      suggestion: term.term,
      evidence: { wrong: window, protectedTerm: term.term, category: term.category, differences: diffs },
    });
  }
  // Plenum names that cannot exist: 二十届八中全会, or a 届 beyond the current congress.
  const plenum = /(二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])届([一二三四五六七八九十]{1,2})中全会/g;
  for (const m of text.matchAll(plenum)) {
    const congress = chineseNumber(m[1]!);
    const session = chineseNumber(m[2]!);
    const current = svc.settings.currentCongress;
    let why = '';
    if (session >= 8) why = `中央全会届次“${m[2]}中全会”不存在（每届一般为一中至七中全会）`;
    else if (congress > current) why = `“${m[1]}届”尚未召开（当前为第${current}届）`;
    if (!why || taken.some(([s, e]) => m.index < e && m.index + m[0].length > s)) continue;
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      severity: 'veto',
      message: why,
      keyPart: m[0],
      evidence: { wrong: m[0], category: '重要表述', rule: 'plenum-number' },
    });
  }
  return hits.sort((a, b) => a.start - b.start);
}

export const typoProtected = defineContentCheck({
  id: 'typo.protected',
  title: '严重表述错误',
  description: '国名、国家机构名称、领导人姓名和职务、重要表述写错一两个同音或形近字（如“中华人民共合国”“社会主意核心价值观”），以及不存在的全会届次；单项否决级。',
  scan: scanProtected,
});
