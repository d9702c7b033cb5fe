// checks stage: privacy.bank-card — a bank card number published in full: 16–19 digits (groups of four allowed),
// Luhn-valid, a card-like prefix, in a context that names a card or account (on its line or in the table header).
import { asciiDigits } from '../text/digits.ts';
import { maskBankCard } from '../text/mask.ts';
import { isValidId18 } from './privacy-id-number.ts';
import { defineContentCheck, type TextHit } from './content-check.ts';

const CANDIDATE = /(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])/g;
const CARD_PREFIX = /^(62|60|4|5[1-5]|2[2-7]|35|9[45])/;
const CARD_WORDS = /(银行卡|卡号|账号|帐号|银行账户|银行帐户|开户行|开户银行|储蓄卡|借记卡|信用卡|社保卡|存折|收款账户|代发|一卡通|惠农卡)/;

/** Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The nearest table header above `pos` (a tab-separated line without long digit runs), within 500 lines. */
function headerAbove(text: string, pos: number): string {
  let end = text.lastIndexOf('\n', pos);
  for (let n = 0; end > 0 && n < 500; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.includes('\t') && !/\d{6,}/.test(line)) return line;
    end = start - 1;
  }
  return '';
}

/** Finds full bank card numbers. */
export function scanBankCards(text: string): TextHit[] {
  const t = asciiDigits(text);
  const hits: TextHit[] = [];
  for (const m of t.matchAll(CANDIDATE)) {
    const digits = m[1]!.replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19) continue;
    if (!CARD_PREFIX.test(digits) || !luhnValid(digits) || isValidId18(digits)) continue;
    // The words just before the number, within its sentence (流水号… after 卡号… elsewhere on the line is no card).
    let from = m.index;
    while (from > 0 && m.index - from < 24 && !/[\n。；;！？]/.test(t[from - 1]!)) from--;
    const context = t.slice(from, m.index);
    if (!CARD_WORDS.test(context) && !CARD_WORDS.test(headerAbove(t, m.index))) continue;
    const masked = maskBankCard(digits);
    hits.push({
      start: m.index,
      end: m.index + m[1]!.length,
      severity: 'error',
      message: `公开了完整的银行卡号（${masked}），个人信息应去标识化处理`,
      keyPart: masked,
      evidence: { masked },
      allowable: false,
    });
  }
  return hits;
}

export const privacyBankCard = defineContentCheck({
  id: 'privacy.bank-card',
  title: '银行卡号泄露',
  description: '页面或附件中出现完整的银行卡号（16–19位、Luhn校验有效、卡号前缀有效，且上下文或表头指明卡号/账号）。',
  scan: (text) => scanBankCards(text),
});
