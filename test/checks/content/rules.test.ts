// The rules inside the content checks, one by one: ID checksum, Luhn, phone prefixes and office lines, plenum
// numbers, markings, the reporting context of sensitive terms, segmentation boundaries of typos.
import { beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar, isValidId18, isValidId15, scanIdNumbers } from '../../../src/checks/privacy-id-number.ts';
import { luhnValid, scanBankCards } from '../../../src/checks/privacy-bank-card.ts';
import { scanPhones } from '../../../src/checks/privacy-phone.ts';
import { scanMarkings } from '../../../src/checks/secret-marking.ts';
import { scanSensitive } from '../../../src/checks/sensitive-term.ts';
import { scanTypos } from '../../../src/checks/typo-serious.ts';
import { scanProtected, chineseNumber } from '../../../src/checks/typo-protected.ts';
import type { ContentService } from '../../../src/text/content-service.ts';
import { service } from './helpers.ts';

let svc: ContentService;
beforeAll(() => {
  svc = service({ protectedTerms: ['省委书记王建国'] });
});
const texts = (text: string, hits: { start: number; end: number }[]) => hits.map((h) => text.slice(h.start, h.end));

describe('privacy rules', () => {
  it('accept an ID only with checksum, province code and a real birth date', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidId18('11010519491231002X')).toBe(true);
    expect(isValidId18('11010519491231002x')).toBe(true);
    expect(isValidId18('110105194912310020')).toBe(false); // checksum
    expect(isValidId18('990105194912310021')).toBe(false); // no province 99
    expect(isValidId18('110105194902300025')).toBe(false); // 30 February
    expect(isValidId15('110105491231002')).toBe(true);
  });

  it('report a 15-digit ID only next to an ID label, and full-width digits too', () => {
    expect(scanIdNumbers('编号110105491231002')).toHaveLength(0);
    expect(scanIdNumbers('身份证号码：110105491231002')).toHaveLength(1);
    expect(scanIdNumbers('身份证：１１０１０５１９４９１２３１００２Ｘ')).toHaveLength(1);
    expect(scanIdNumbers('证号1101051949123100201')).toHaveLength(0); // inside a longer run
  });

  it('report mobiles with real prefixes, not office lines, landlines or longer runs', () => {
    const t = '联系人手机13812345678；热线电话13905710000；固话0571-87051234；编号213812345678；号码12012345678；138 1234 5679';
    expect(texts(t, scanPhones(t, svc))).toEqual(['13812345678', '138 1234 5679']);
  });

  it('grade mobiles: a list row or personal data is a certain error, a work contact a suspected warning', () => {
    const grade = (t: string) => scanPhones(t, svc).map((h) => `${h.severity}/${h.certainty}`);
    expect(grade('1\t张三\t13812345678')).toEqual(['error/certain']);
    expect(grade('申请人张三，家庭住址：人民路1号，电话13812345678')).toEqual(['error/certain']);
    expect(grade('联系人：王科长，联系电话：13812345678')).toEqual(['warning/suspected']);
    expect(grade('有事请打13812345678')).toEqual(['error/suspected']);
  });

  it('report Luhn-valid card numbers with a card prefix only where a card is named', () => {
    expect(luhnValid('6222021234567890128')).toBe(true);
    expect(luhnValid('6222021234567890120')).toBe(false);
    const t = '工资卡卡号：6222 0212 3456 7890 128。流水号6222021234567890128。账号：6222021234567890120';
    expect(texts(t, scanBankCards(t))).toEqual(['6222 0212 3456 7890 128']);
    expect(scanBankCards('序号\t姓名\t银行卡号\n1\t张三\t6228480012345678903')).toHaveLength(1);
  });
});

describe('markings and sensitive terms', () => {
  it('find classified markings and internal-document markings, not secrecy words', () => {
    const t = '绝密★\n机密 ★ 长期\n密级：秘密\n内部资料，不得外传\n保守国家秘密，严禁泄露机密。';
    const hits = scanMarkings(t);
    expect(texts(t, hits)).toEqual(['绝密★', '机密 ★ 长期', '密级：秘密', '内部资料，不得外传']);
    expect(hits.map((h) => h.severity)).toEqual(['veto', 'veto', 'veto', 'error']);
  });

  it('make spam certain when it looks injected (hidden, title, several terms), else suspected', () => {
    expect(scanSensitive('点击进入澳门新葡京', svc).map((h) => h.certainty)).toEqual(['suspected']);
    expect(scanSensitive('点击进入澳门新葡京', svc, { region: 'hidden' }).map((h) => h.certainty)).toEqual(['certain']);
    expect(scanSensitive('百家乐真人荷官在线', svc).map((h) => h.certainty)).toEqual(['certain', 'certain']);
  });

  it('skip sensitive terms in crackdown reports and across word boundaries', () => {
    expect(scanSensitive('点击进入澳门新葡京娱乐场', svc)).toHaveLength(1);
    expect(scanSensitive('依法查处六合彩赌博窝点', svc)).toHaveLength(0);
    expect(scanSensitive('大力支援交通建设', svc)).toHaveLength(0); // 援交 straddles 支援|交通
    expect(scanSensitive('北京赛车PK10开奖', svc)).toHaveLength(1); // case-insensitive
  });
});

describe('typo rules', () => {
  it('report wrong forms on word boundaries only', () => {
    expect(texts('在坐的各位', scanTypos('在坐的各位', svc))).toEqual(['在坐']);
    expect(scanTypos('他正在坐车', svc)).toHaveLength(0);
    expect(scanTypos('我们自己经常讲', svc)).toHaveLength(0);
    expect(scanTypos('精简机构，精减人员；截止日期，截至目前', svc)).toHaveLength(0);
  });

  it('report near-misses of protected terms with the term, and local terms from the config', () => {
    const t = '中国共产档成立。省委书记王建果讲话。一国两智。中国共产觉（typo pair: reported by typo.serious）。';
    const hits = scanProtected(t, svc);
    expect(hits.map((h) => h.suggestion)).toEqual(['中国共产党', '省委书记王建国', '一国两制']);
    // Short terms (一国两制) are suspected, a human confirms before they fail a site.
    expect(hits.map((h) => h.certainty)).toEqual(['certain', 'certain', 'suspected']);
  });

  it('need a title next to a bare three-character leader name', () => {
    expect(scanProtected('村民赵乐记说', svc)).toHaveLength(0);
    expect(scanProtected('赵乐记委员长指出', svc)).toMatchObject([{ certainty: 'certain', suggestion: '赵乐际' }]);
    expect(scanProtected('副县长何立丰同志讲话', svc)).toMatchObject([{ certainty: 'suspected', suggestion: '何立峰' }]);
    expect(scanProtected('县委书记何立丰主持会议', svc)).toHaveLength(0);
  });

  it('tell impossible plenums', () => {
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('十九')).toBe(19);
    expect(chineseNumber('三')).toBe(3);
    const t = '十一届三中全会、二十届三中全会、二十届九中全会、二十一届二中全会';
    expect(texts(t, scanProtected(t, svc))).toEqual(['二十届九中全会', '二十一届二中全会']);
  });
});
