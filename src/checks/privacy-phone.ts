// checks stage: privacy.phone — a person's mainland mobile number published in full (11 digits, a real prefix,
// not inside a longer digit run). Office hotlines and landlines are not leaks: a mobile number shortly after
// 热线/值班/咨询电话… is taken as an office line (checks.content.officePhoneWords).
import type { ContentService } from '../text/content-service.ts';
import { asciiDigits } from '../text/digits.ts';
import { maskPhone } from '../text/mask.ts';
import { defineContentCheck, type TextHit } from './content-check.ts';

/** Mobile prefixes in use (三大运营商、广电、虚拟运营商、物联网 excluded: 140-144, 146-148 data-only are kept out). */
const PREFIX = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])$/;
const CANDIDATE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?(1\d{2})([ -]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])/g;
const PERSON = /(姓名|户主|申请人|家庭住址|住址|身份证|联系人|本人|家属|监护人|患者|学生|救助对象|补助对象)/;

/** Finds full personal mobile numbers. */
export function scanPhones(text: string, svc: ContentService): TextHit[] {
  const t = asciiDigits(text);
  const office = svc.settings.officePhoneWords;
  const hits: TextHit[] = [];
  for (const m of t.matchAll(CANDIDATE)) {
    if (!PREFIX.test(m[1]!)) continue;
    const lineStart = t.lastIndexOf('\n', m.index) + 1;
    const before = t.slice(Math.max(lineStart, m.index - 16), m.index);
    if (office.some((w) => before.includes(w))) continue;
    const digits = `${m[1]}${m[3]}${m[4]}`;
    const lineEnd = t.indexOf('\n', m.index);
    const line = t.slice(lineStart, lineEnd < 0 ? t.length : lineEnd);
    const masked = maskPhone(digits);
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      severity: 'error',
      certainty: PERSON.test(line) || line.includes('\t') ? 'certain' : 'suspected',
      message: `公开了完整的手机号码（${masked}），个人信息应去标识化处理`,
      keyPart: masked,
      evidence: { masked },
      allowable: false,
    });
  }
  return hits;
}

export const privacyPhone = defineContentCheck({
  id: 'privacy.phone',
  title: '手机号泄露',
  description: '页面或附件中出现完整的个人手机号码（11位、号段有效、不在更长的数字串中）；热线、值班、咨询等办公电话和固定电话不报。',
  scan: (text, svc) => scanPhones(text, svc),
});
