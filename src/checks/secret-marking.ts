// checks stage: secret.marking — classified markings (绝密★、机密★1年、秘密★、密级：机密) and internal-document
// markings (内部资料 注意保存、不得外传) on a public page or attachment: a leak signal (heuristic, not official text).
import { defineContentCheck, type TextHit } from './content-check.ts';

const LEVEL_STAR = /(绝密|机密|秘密)[ \t\u3000]*[★☆✭✩＊*](?:[ \t\u3000]*(?:(?:\d+|[一二三四五六七八九十]+)[ \t\u3000]*(?:年|个月)|长期))?/g;
const LEVEL_FIELD = /密[ \t\u3000]*级[ \t\u3000]*[：:][ \t\u3000]*(绝密|机密|秘密)/g;
const INTERNAL = /(内部资料|内部文件|内部材料|内部刊物)[\s，,、。．·]{0,3}(注意保存|不得外传|严禁外传|请勿外传|不得翻印|注意保密|妥善保管)/g;
const INTERNAL_LINE = /^[\s【\[（(]*(内部资料|内部文件|内部材料|不得外传|注意保存)[\s】\]）)。]*$/gm;

/** Finds classified and internal-document markings. */
export function scanMarkings(text: string): TextHit[] {
  const hits: TextHit[] = [];
  const add = (start: number, end: number, severity: 'veto' | 'error', kind: string, certain: boolean) => {
    if (hits.some((h) => start < h.end && end > h.start)) return;
    const marking = text.slice(start, end).trim();
    hits.push({
      start,
      end,
      severity,
      certainty: certain ? 'certain' : 'suspected',
      message: kind === '密级标志' ? `公开内容中出现密级标志“${marking}”，疑似泄密` : `公开内容中出现内部资料标识“${marking}”`,
      keyPart: marking.replace(/\s+/g, ''),
      evidence: { marking, category: kind },
      allowable: false,
    });
  };
  for (const m of text.matchAll(LEVEL_STAR)) add(m.index, m.index + m[0].length, 'veto', '密级标志', true);
  for (const m of text.matchAll(LEVEL_FIELD)) add(m.index, m.index + m[0].length, 'veto', '密级标志', true);
  for (const m of text.matchAll(INTERNAL)) add(m.index, m.index + m[0].length, 'error', '内部资料标识', false);
  for (const m of text.matchAll(INTERNAL_LINE)) {
    const lead = m[0].search(/\S/);
    add(m.index + Math.max(0, lead), m.index + m[0].trimEnd().length, 'error', '内部资料标识', false);
  }
  return hits.sort((a, b) => a.start - b.start);
}

export const secretMarking = defineContentCheck({
  id: 'secret.marking',
  title: '涉密标识',
  description: '公开页面或附件中出现密级标志（绝密★、机密★1年、秘密★、密级：机密，单项否决级）或内部资料标识（内部资料 注意保存、不得外传，疑似）。',
  scan: (text) => scanMarkings(text),
});
