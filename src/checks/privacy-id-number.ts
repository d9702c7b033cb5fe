// checks stage: privacy.id-number — a resident ID number published in full: 18 digits with a valid GB 11643
// checksum, a valid province code and a real birth date (15-digit old IDs too, next to an ID label).
// Masked forms (330102********1234) are not leaks; numbers failing the checksum are not IDs.
import { asciiDigits } from '../text/digits.ts';
import { maskIdNumber } from '../text/mask.ts';
import { defineContentCheck, type TextHit } from './content-check.ts';

/** Province-level codes of GB/T 2260 (plus 71 台湾, 81 香港, 82 澳门, 83 for residence permits). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

function validDate(y: number, m: number, d: number, now: Date): boolean {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getTime() <= now.getTime();
}

/** True for a plausible 18-digit resident ID: province code, real birth date, checksum. */
export function isValidId18(id: string, now = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2))) || id.slice(2, 4) === '00') return false;
  if (!validDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), now)) return false;
  return idCheckChar(id.slice(0, 17)) === id[17]!.toUpperCase();
}

/** True for a plausible 15-digit (pre-1999) ID: province code and a real 19YY birth date. */
export function isValidId15(id: string): boolean {
  if (!/^\d{15}$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2))) || id.slice(2, 4) === '00') return false;
  return validDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), new Date());
}

const ID_LABEL = /(身份证|证件号|公民身份号码|身份号码|证号)/;
const CANDIDATE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/** Finds full resident ID numbers. */
export function scanIdNumbers(text: string, now = new Date()): TextHit[] {
  const t = asciiDigits(text);
  const hits: TextHit[] = [];
  for (const m of t.matchAll(CANDIDATE)) {
    const id = m[1]!;
    let ok = false;
    if (id.length === 18) ok = isValidId18(id, now);
    else {
      const lineStart = t.lastIndexOf('\n', m.index) + 1;
      ok = isValidId15(id) && ID_LABEL.test(t.slice(Math.max(lineStart, m.index - 30), m.index));
    }
    if (!ok) continue;
    const masked = maskIdNumber(id.toUpperCase());
    hits.push({
      start: m.index,
      end: m.index + id.length,
      severity: 'error',
      message: `公开了完整的居民身份证号码（${masked}），应去标识化处理`,
      keyPart: masked,
      evidence: { masked, digits: id.length },
      allowable: false,
    });
  }
  return hits;
}

export const privacyIdNumber = defineContentCheck({
  id: 'privacy.id-number',
  title: '身份证号泄露',
  description: '页面或附件中出现完整的居民身份证号码（18位校验码、地区码、出生日期均有效；15位旧号码需有证件标签），已打码的不报。',
  scan: (text) => scanIdNumbers(text),
});
