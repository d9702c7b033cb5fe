import { describe, expect, it } from 'vitest';
import { articleDate, navigationLinks, newestItem, parseHomepage, parseListPage } from '../../src/crawl/column-reader.ts';

const ctx = { today: '2026-11-20' };
const wrap = (body: string) => `<html><body><div class="header"><nav><a href="/a/">要闻动态</a><a href="/b/">通知公告</a></nav></div>${body}<div class="footer">访问量：12345 2026-11-20</div></body></html>`;

describe('column list parsing', () => {
  it('finds items and dates in a list, ignoring navigation, sidebar, breadcrumbs and footer', () => {
    const html = wrap(`<div class="crumb"><a href="/">首页</a> &gt; 本地要闻</div>
      <div class="side"><ul><li><a href="/x/">其他栏目一</a></li><li><a href="/y/">其他栏目二</a></li></ul></div>
      <ul class="list"><li><a href="1.html">县政府召开常务会议</a><span>2026-11-18</span></li>
      <li><a href="2.html">关于征求意见的公告</a><span>[11-02]</span></li><li><a href="3.html">无日期的一条</a></li></ul>`);
    const page = parseListPage(html, 'http://127.0.0.1/col/yw/index.html', ctx);
    expect(page.items.map((i) => [i.title, i.date])).toEqual([
      ['县政府召开常务会议', '2026-11-18'],
      ['关于征求意见的公告', '2026-11-02'],
      ['无日期的一条', undefined],
    ]);
    expect(page.items[0]!.url).toBe('http://127.0.0.1/col/yw/1.html');
    expect(page.next).toBeUndefined();
  });

  it('reads table rows, and a date in the title is not taken for the publish date', () => {
    const html = wrap(`<table><tr><td><a href="/t1.html">关于2026年1月5日停电的通知</a></td><td>2025/12/30</td></tr>
      <tr><td><a href="/t2.html">年度工作要点</a></td><td>2025.12.01</td></tr></table>`);
    const page = parseListPage(html, 'http://127.0.0.1/col/t/', ctx);
    expect(page.items.map((i) => i.date)).toEqual(['2025-12-30', '2025-12-01']);
  });

  it('reads a date printed inside the link, but never one inside the title text', () => {
    const html = wrap(`<ul><li><a href="/a1.html"><span class="t">县政府召开常务会议</span><span class="d">2026-11-12</span></a></li>
      <li><a href="/a2.html"><span>关于2026年11月1日起施行新规的公告</span></a></li></ul>`);
    const page = parseListPage(html, 'http://127.0.0.1/c/', ctx);
    expect(page.items.map((i) => i.date)).toEqual(['2026-11-12', undefined]);
    expect(page.items[0]!.title).toBe('县政府召开常务会议');
  });

  it('finds the next and last page links, and TRS createPageHTML pagination', () => {
    const html = wrap(`<ul><li><a href="a.html">一条信息标题</a>2026-01-01</li></ul><div class="page"><a href="index_1.html">下一页</a><a href="index_9.html">尾页</a></div>`);
    expect(parseListPage(html, 'http://127.0.0.1/c/index.html', ctx)).toMatchObject({ next: 'http://127.0.0.1/c/index_1.html', last: 'http://127.0.0.1/c/index_9.html' });
    const trs = wrap(`<ul><li><a href="a.html">一条信息标题</a>2026-01-01</li></ul><script>createPageHTML(5, 0, "index", "shtml");</script>`);
    expect(parseListPage(trs, 'http://127.0.0.1/c/index.shtml', ctx)).toMatchObject({ next: 'http://127.0.0.1/c/index_1.shtml', last: 'http://127.0.0.1/c/index_4.shtml' });
  });

  it('an empty list that says 暂无信息 has no items, even with a sidebar of column links', () => {
    const html = wrap(`<ul class="links"><li><a href="/p/">相关链接一</a></li><li><a href="/q/">相关链接二</a></li></ul><div class="list">暂无信息</div>`);
    expect(parseListPage(html, 'http://127.0.0.1/c/', ctx)).toMatchObject({ items: [], emptyNotice: '暂无信息' });
  });

  it('a dated list of hot items beside the column list is not taken for the column', () => {
    const html = wrap(`<ul class="news"><li><a href="/c1.html">第一条栏目信息</a>2026-03-01</li><li><a href="/c2.html">第二条栏目信息</a>2026-02-01</li><li><a href="/c3.html">第三条栏目信息</a>2026-01-01</li></ul>
      <ul class="news"><li><a href="/c4.html">第四条栏目信息</a>2025-12-01</li></ul>
      <ul class="hot"><li><a href="/h1.html">热点：全县重点工作推进</a>2026-11-19</li><li><a href="/h2.html">热点：冬季安全生产</a>2026-11-18</li></ul>`);
    const page = parseListPage(html, 'http://127.0.0.1/c/', ctx);
    expect(page.items.map((i) => i.url.slice(-8))).toEqual(['/c1.html', '/c2.html', '/c3.html', '/c4.html']);
  });

  it('暂无 inside a longer text does not empty a list', () => {
    const html = wrap(`<ul><li><a href="/u1.html">县政府工作报告全文</a></li><li><a href="/u2.html">政府工作报告解读</a></li></ul>
      <div class="note">本栏目发布的各类报告全文及解读材料，如暂无信息请通过政府信箱与我们联系，我们将在三个工作日内答复。</div>`);
    expect(parseListPage(html, 'http://127.0.0.1/c/', ctx).items).toHaveLength(2);
  });

  it('an empty list drawn by script is flagged as such, not taken for a blank column', () => {
    const html = wrap(`<ul id="list"></ul><script>$.ajax({ url: '/dataproxy.jsp?col=1' });</script>`);
    expect(parseListPage(html, 'http://127.0.0.1/c/', ctx)).toMatchObject({ items: [], scripted: true });
  });

  it('reads an article publish date from CMS meta tags, then from 发布时间：', () => {
    expect(articleDate('<html><head><meta name="PubDate" content="2026-10-09 08:00"></head><body>正文</body></html>', ctx)).toEqual({ date: '2026-10-09', time: '08:00' });
    expect(articleDate('<html><body><div>发布日期：2026年9月1日</div></body></html>', ctx)).toEqual({ date: '2026-09-01' });
    expect(articleDate('<html><body><p>正文 11-18</p></body></html>', ctx)).toBeUndefined();
  });

  it('the newest item ignores dates later than today (they prove nothing)', () => {
    const items = [
      { title: 'a', url: 'http://x/a', date: '2026-12-25' },
      { title: 'b', url: 'http://x/b', date: '2026-11-01' },
      { title: 'c', url: 'http://x/c', date: '2026-11-01', time: '10:00' },
    ];
    expect(newestItem(items, '2026-11-20')?.title).toBe('c');
  });

  it('homepage items skip furniture and volatile text; navigation links are same-site only', () => {
    const html = wrap(`<ul><li><a href="/n1.html">县政府召开第十次常务会议</a><span>11-19</span></li>
      <li><a href="/w.html">今日天气：晴 12℃ 空气质量良</a><span>2026-11-20</span></li>
      <li><a href="http://other.test/x.html">外站链接的一条长标题</a></li></ul>`);
    const items = parseHomepage(html, 'http://127.0.0.1/', ctx, [/天气/]);
    expect(items.map((i) => [i.title, i.date])).toEqual([
      ['县政府召开第十次常务会议', '2026-11-19'],
      ['外站链接的一条长标题', undefined],
    ]);
    expect(navigationLinks(html, 'http://127.0.0.1/').map((l) => l.url)).toEqual(['http://127.0.0.1/a/', 'http://127.0.0.1/b/']);
  });
});
