import { describe, expect, it } from 'vitest';
import { addDays, dayIn, daysBetween, findDates, findPublishDate, impliedYear, parseDate } from '../../src/text/dates.ts';

const ctx = { today: '2026-11-20' };

describe('publish-date parsing', () => {
  it.each([
    ['2026-11-18', '2026-11-18', undefined],
    ['2026/11/18', '2026-11-18', undefined],
    ['2026.11.18', '2026-11-18', undefined],
    ['2026年11月18日', '2026-11-18', undefined],
    ['2026年1月8日', '2026-01-08', undefined],
    ['2026-11-18 09:30', '2026-11-18', '09:30'],
    ['2026-11-18 09:30:15', '2026-11-18', '09:30'],
    ['2026-11-18T09:30:00+08:00', '2026-11-18', '09:30'],
    ['2026年11月18日 9:05', '2026-11-18', '09:05'],
    ['2026年11月18日09时05分', '2026-11-18', '09:05'],
    ['[11-18]', '2026-11-18', undefined],
    ['11-18', '2026-11-18', undefined],
    ['11/18', '2026-11-18', undefined],
    ['11月18日', '2026-11-18', undefined],
    ['[11-18 08:00]', '2026-11-18', undefined],
  ])('reads %s as %s', (text, date, time) => {
    const d = parseDate(text, ctx);
    expect(d?.date).toBe(date);
    if (time) expect(d?.time).toBe(time);
  });

  it('puts a year-less date after today in the previous year', () => {
    expect(parseDate('[12-30]', ctx)?.date).toBe('2025-12-30');
    expect(parseDate('11-21', ctx)?.date).toBe('2026-11-21'); // one day ahead: CMS clocks differ
    expect(parseDate('11-22', ctx)?.date).toBe('2025-11-22');
    expect(impliedYear(3, 1, { today: '2026-11-20', year: 2024 })).toBe(2024);
    expect(parseDate('01-05', { today: '2027-01-10' })?.yearImplied).toBe(true);
  });

  it('rejects impossible dates and numbers that are not dates', () => {
    expect(parseDate('2026-02-30', ctx)).toBeUndefined();
    expect(parseDate('2026-13-01', ctx)).toBeUndefined();
    expect(parseDate('电话：0571-88888888', ctx)).toBeUndefined();
    expect(parseDate('第 2026 号', ctx)).toBeUndefined();
    expect(parseDate('版本 1.2.3', ctx)).toBeUndefined();
  });

  it('finds every date of a row in order, full dates not re-read as month-day', () => {
    const ds = findDates('关于2026年11月18日停电的通知 [11-17] 2026/11/16', ctx);
    expect(ds.map((d) => d.date)).toEqual(['2026-11-18', '2026-11-17', '2026-11-16']);
  });

  it('reads the publish date after 发布时间： or 发布日期： on an article page, preferring them to weaker labels', () => {
    expect(findPublishDate('来源：办公室 发布时间：2026-11-18 09:30 浏览次数：12', ctx)?.date).toBe('2026-11-18');
    expect(findPublishDate('发布日期： 2026年11月3日', ctx)?.date).toBe('2026-11-03');
    expect(findPublishDate('时间：2026-10-01 发布时间：2026-11-02', ctx)?.date).toBe('2026-11-02');
    expect(findPublishDate('打印本页 关闭窗口', ctx)).toBeUndefined();
    expect(findPublishDate('发布时间：11-18', ctx)).toBeUndefined();
  });

  it('computes calendar days in the site time zone', () => {
    expect(dayIn(new Date('2026-11-19T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-20');
    expect(dayIn(new Date('2026-11-19T15:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-19');
    expect(daysBetween('2026-11-06', '2026-11-20')).toBe(14);
    expect(addDays('2026-11-20', -180)).toBe('2026-05-24');
  });
});
