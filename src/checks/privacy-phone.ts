// checks stage: privacy.phone — a person's mainland mobile number published in full (11 digits, a real prefix,
// not inside a longer digit run). Office hotlines and landlines are not leaks: a mobile number shortly after
// 热线/值班/咨询电话… is taken as an office line (checks.content.officePhoneWords). In a table row or next to
// personal data (身份证, 住址, 申请人 …) it is a certain error; as a notice's work contact (联系人：…) a suspected
// warning; otherwise a suspected error.
import type { ContentService } from '../text/content-service.ts';
import { asciiDigits } from '../text/digits.ts';
import { maskPhone } from '../text/mask.ts';
import { defineContentCheck, type TextHit } from './content-check.ts';

/** Mobile prefixes in use (三大运营商、广电、虚拟运营商、物联网 excluded: 140-144, 146-148 data-only are kept out). */
const PREFIX = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])$/;
const CANDIDATE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?(1\d{2})([ -]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])/g;
/** A line about a private person (a list of recipients, an applicant's data): the number is certainly a leak. */
const PERSONAL = /(姓名|户主|申请人|家庭住址|住址|身份证|本人|家属|监护人|患者|学生|救助对象|补助对象|低保|特困)/;
/** A work contact of a notice (联系人：王科长，联系电话：…): published on purpose more often than not. */
const WORK_CONTACT = /(联系人|联系电话|联系方式|咨询|报名)/;

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
    const personal = PERSONAL.test(line) || line.includes('\t');
    const work = !personal && WORK_CONTACT.test(t.slice(Math.max(lineStart, m.index - 16), m.index));
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      severity: work ? 'warning' : 'error',
      certainty: personal ? 'certain' : 'suspected',
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
  description: '页面或附件中出现完整的个人手机号码（11位、号段有效、不在更长的数字串中）：名单表格或个人信息旁为确定的错误，通知中的工作联系人为疑似警告；热线、值班、咨询等办公电话和固定电话不报。',
  scan: (text, svc) => scanPhones(text, svc),
});
