// date.future: an article whose own labelled publish date (发布时间/发布日期 on its date line) is after the day
// after the crawl's, in the site's time zone — and nothing else: dates in the body, list pages, footers.
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { CheckContext, Finding, PageSnapshot } from '../../src/checks/index.ts';
import { dateFuture } from '../../src/checks/date-future.ts';
import { configSchema } from '../../src/config/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { judgeSite, loadIndicators } from '../../src/rules/index.ts';

/** 2026-11-20 10:00 in Asia/Shanghai. */
const NOW = new Date('2026-11-20T02:00:00Z');
const URL_ = 'http://www.demo.test/zwdt/bmdt/1.html';

function ctx(now = NOW, timeZone = 'Asia/Shanghai', freshness = true): CheckContext {
  const config = configSchema.parse({ timeZone, checks: { freshness: { enabled: freshness } }, sites: [{ id: 'demo', name: '示范县人民政府', level: '县', homepage: 'http://www.demo.test/' }] });
  return { site: config.sites[0]!, config, now, log: silentLogger(), services: {} } as unknown as CheckContext;
}

function page(html: string, over: Partial<PageSnapshot> = {}): PageSnapshot {
  return { url: URL_, finalUrl: URL_, status: 200, contentType: 'text/html', html, $: load(html), title: '', depth: 2, isHomepage: false, renderedBy: 'http', links: [], ...over };
}

const BODY =
  '<p>11月18日，县政府召开常务会议，研究部署秸秆综合利用、冬季安全生产和重点项目推进工作，要求各乡镇、各部门压实责任，确保各项任务按期完成。</p>' +
  '<p>会议强调，要坚持问题导向，加强督查检查，对工作推进不力的单位予以通报。</p>';

/** An article page: header, navigation, title, the date line, the body, a footer. */
function article(dateLine: string, body = BODY, footer = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>县政府召开常务会议</title></head><body>
<div class="header"><a href="/">示范县人民政府</a></div><nav><a href="/">首页</a><a href="/zwdt/">政务动态</a></nav>
<div class="article"><h1>县政府召开常务会议</h1>${dateLine}<div class="content">${body}</div></div>
<div class="footer">主办：示范县人民政府办公室 ${footer}</div></body></html>`;
}

const run = (html: string, c = ctx(), over: Partial<PageSnapshot> = {}) => dateFuture.onPage!(page(html, over), c);

describe('date.future finds a publish date after the crawl', () => {
  it('reports the article’s own 发布时间 on its date line: veto, certain, with the date and how far ahead', () => {
    const found = run(article('<div class="info">来源：县政府办公室 发布时间：2027-01-05 10:00 浏览次数：35</div>'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'date.future', key: URL_, severity: 'veto', certainty: 'certain', url: URL_ });
    expect(found[0]!.evidence).toMatchObject({ label: '发布时间', published: '2027-01-05', today: '2026-11-20', aheadDays: 46 });
    expect(found[0]!.evidence.message).toBe('文章标注的发布时间 2027-01-05 晚于检查日期 2026-11-20（提前 46 天）：发布日期不实');
    expect(found[0]!.evidence.snippet).toContain('发布时间：2027-01-05 10:00');
  });

  it('reads the usual date lines: spans without spaces between them, 发布日期 with a Chinese date, the date in its own span', () => {
    expect(run(article('<div class="info"><span>来源：县政府办公室</span><span>发布时间：2026-12-01</span></div>'))).toHaveLength(1);
    expect(run(article('<p class="date">发布日期：2026年12月1日</p>'))[0]!.evidence).toMatchObject({ label: '发布日期', published: '2026-12-01' });
    expect(run(article('<div class="info"><span>发布时间：</span><span>2026/12/01 09:30</span></div>'))).toHaveLength(1);
  });

  it('says nothing on a date line of today or earlier', () => {
    expect(run(article('<div class="info">发布时间：2026-11-20 09:30</div>'))).toEqual([]);
    expect(run(article('<div class="info">发布时间：2026-11-18</div>'))).toEqual([]);
  });
});

describe('date.future stays quiet where a future date is normal or not the article’s own', () => {
  it('a future meeting, deadline or result date in the body is not a publish date', () => {
    const body = `${BODY}<p>会议时间：2027年1月5日上午9:00</p><p>报名截止日期：2027年1月10日</p><p>成绩发布时间：2027年1月20日</p>`;
    expect(run(article('<div class="info">发布时间：2026-11-18</div>', body))).toEqual([]);
    // Even with no date line of its own, a 成绩发布时间 heading the notice is not the page's publish date.
    expect(run(article('', `<p>成绩发布时间：2027年1月20日</p>${BODY}`))).toEqual([]);
  });

  it('a 发布时间 line in the body after the article text is not the date line, even when the page has none', () => {
    const body = `${BODY}<p>四、结果公布</p><p>发布时间：2027年1月20日</p>`;
    expect(run(article('<div class="info">来源：县人社局</div>', body))).toEqual([]);
  });

  it('a 发布时间 inside a paragraph of prose is not a date line', () => {
    const prose = '<p>发布时间：2027年1月20日前，各单位应将本年度政府信息公开工作年度报告报送县政府办公室，逾期未报送的单位将予以通报批评并责令限期整改。</p>';
    expect(run(article('', prose + BODY))).toEqual([]);
  });

  it('a date exactly today or tomorrow in the site’s time zone is not reported, though it is two days ahead in UTC', () => {
    // 2026-11-21 00:30 in Shanghai, still 2026-11-20 in UTC.
    const edge = new Date('2026-11-20T16:30:00Z');
    expect(run(article('<div class="info">发布时间：2026-11-21 00:10</div>'), ctx(edge))).toEqual([]);
    expect(run(article('<div class="info">发布时间：2026-11-22 08:00</div>'), ctx(edge))).toEqual([]);
    const after = run(article('<div class="info">发布时间：2026-11-23</div>'), ctx(edge));
    expect(after.map((f) => f.evidence.aheadDays)).toEqual([2]);
    // The same page judged in UTC: 11-22 is then two days ahead.
    expect(run(article('<div class="info">发布时间：2026-11-22 08:00</div>'), ctx(edge, 'UTC'))).toHaveLength(1);
  });

  it('a list page whose items carry future 发布时间 labels is left to the articles themselves', () => {
    const items = ['2027-01-05', '2027-01-06', '2027-01-07'].map((d, i) => `<li><a href="/a/${i}.html">通知${i}</a><span>发布时间：${d}</span></li>`).join('');
    expect(run(`<html><body><h2>通知公告</h2><ul class="list">${items}</ul></body></html>`)).toEqual([]);
  });

  it('the footer, the homepage, an error page and a year-less date are not looked at', () => {
    expect(run(article('<div class="info">来源：县政府办公室</div>', BODY, '发布时间：2027-01-05'))).toEqual([]);
    const future = article('<div class="info">发布时间：2027-01-05</div>');
    expect(run(future, ctx(), { isHomepage: true })).toEqual([]);
    expect(run(future, ctx(), { status: 404 })).toEqual([]);
    expect(run(article('<div class="info">发布时间：01-05</div>'))).toEqual([]);
  });

  it('is off with the freshness group', () => {
    expect(run(article('<div class="info">发布时间：2027-01-05</div>'), ctx(NOW, 'Asia/Shanghai', false))).toEqual([]);
  });
});

describe('date.future in the verdict', () => {
  it('a certain finding triggers 严重表述错误、安全泄密 (弄虚作假)', () => {
    const [draft] = run(article('<div class="info">发布时间：2027-01-05</div>'));
    const finding: Finding = { ...draft!, id: 'f1', siteId: 'demo', firstSeen: NOW.toISOString(), lastSeen: NOW.toISOString(), status: 'open', pageCount: 1 };
    const c = ctx();
    const v = judgeSite({ site: c.site, now: NOW, indicators: loadIndicators(), findings: [finding], checksRun: ['date.future'], hasPublicServices: true });
    const item = v.vetoes.find((x) => x.id === 'veto.serious-error')!;
    expect(item.status).toBe('triggered');
    expect(item.evidence[0]!.text).toContain('发布时间 2027-01-05');
    expect(v.result).toBe('不合格');
  });
});
