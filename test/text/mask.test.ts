// Masking of personal data: the forms every output uses.
import { describe, expect, it } from 'vitest';
import { maskBankCard, maskIdNumber, maskPhone, maskText, maskValue } from '../../src/text/mask.ts';

describe('mask', () => {
  it('masks IDs, mobiles and cards in the published forms', () => {
    expect(maskIdNumber('330102199001011234')).toBe('330102********1234');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskBankCard('6222021234567890128')).toBe('6222***********0128');
  });

  it('masks every long digit run in free text but leaves landlines, dates and amounts readable', () => {
    const t = '张三 13812341234，身份证33010219800101123X，卡号 6222 0212 3456 7890 128，电话0571-87051234，2026年5月1日，金额12345.67元';
    expect(maskText(t)).toBe('张三 138****1234，身份证330102********123X，卡号 6222***********0128，电话0571-87051234，2026年5月1日，金额12345.67元');
  });

  it('masks nested values for logs', () => {
    expect(maskValue({ a: ['13812341234'], b: { c: 1, d: '330102199001011234' } })).toEqual({ a: ['138****1234'], b: { c: 1, d: '330102********1234' } });
  });
});
