import { describe, expect, it } from 'vitest';
import type { AccountConfig } from '../../src/config/index.ts';
import { compareListing, judgeAccount, loadProfiles, parseListing, postDate, profileFor, type AccountRead } from '../../src/newmedia/index.ts';

const ctx = { today: '2026-11-20' };
const account = (over: Partial<AccountConfig>): AccountConfig => ({ platform: 'wechat', name: '示范县发布', url: 'http://mp.county.test/', ...over });

describe('platform profiles', () => {
  it('every file in src/newmedia/profiles is a profile: wechat (HTTP), weibo (browser), generic (selectors)', async () => {
    const profiles = await loadProfiles();
    expect(profiles.map((p) => [p.name, p.render])).toEqual([
      ['generic', 'http'],
      ['wechat', 'http'],
      ['weibo', 'browser'],
    ]);
  });

  it('an account gets its named profile, else the one claiming its platform, else generic when it has selectors', async () => {
    const profiles = await loadProfiles();
    expect(profileFor(account({ platform: '微信公众号' }), profiles)?.name).toBe('wechat');
    expect(profileFor(account({ platform: 'Weibo' }), profiles)?.name).toBe('weibo');
    expect(profileFor(account({ platform: 'douyin', selectors: { post: '.v' } }), profiles)?.name).toBe('generic');
    expect(profileFor(account({ platform: 'douyin' }), profiles)).toBeUndefined();
    expect(profileFor(account({ platform: 'wechat', profile: 'nope' }), profiles)).toBeUndefined();
  });

  it('the WeChat-like profile reads title, date, text and links of each article', async () => {
    const wechat = (await loadProfiles()).find((p) => p.name === 'wechat')!;
    const html = `<div class="weui_media_box appmsg"><h4 class="weui_media_title"><a href="/a1.html">标题一</a></h4>
      <p class="weui_media_desc">摘要<a href="/x.pdf">附件</a></p><p class="weui_media_extra_info">2026年11月18日</p></div>
      <div class="appmsg" data-time="1763600000"><h4 class="weui_media_title" hrefs="/a2.html">标题二</h4></div>`;
    const posts = wechat.parse(html, 'http://mp.county.test/list', ctx);
    expect(posts[0]).toEqual({
      title: '标题一',
      url: 'http://mp.county.test/a1.html',
      date: '2026-11-18',
      text: '标题一 摘要附件',
      links: [
        { url: 'http://mp.county.test/a1.html', anchor: '标题一' },
        { url: 'http://mp.county.test/x.pdf', anchor: '附件' },
      ],
    });
    expect(posts[1]).toMatchObject({ title: '标题二', url: 'http://mp.county.test/a2.html', date: '2025-11-20' });
  });

  it('timeline dates: absolute, year-less, Unix seconds and relative (刚刚, 3小时前, 昨天, 5天前)', () => {
    expect(postDate('2026-11-18 09:30', ctx)).toEqual({ date: '2026-11-18', time: '09:30' });
    expect(postDate('12-30 10:00', ctx)).toEqual({ date: '2025-12-30', time: '10:00' });
    expect(postDate('刚刚', ctx)).toEqual({ date: '2026-11-20' });
    expect(postDate('3小时前', ctx)).toEqual({ date: '2026-11-20' });
    expect(postDate('昨天 10:30', ctx)).toEqual({ date: '2026-11-19' });
    expect(postDate('5天前', ctx)).toEqual({ date: '2026-11-15' });
    expect(postDate('来自 iPhone', ctx)).toBeUndefined();
  });
});

describe('judging accounts', () => {
  const read = (dates: (string | undefined)[]): AccountRead => ({
    account: account({}),
    id: 'wx',
    outcome: 'read',
    posts: dates.map((d, i) => ({ title: `p${i}`, text: '', links: [], ...(d ? { date: d } : {}) })),
  });
  const windows = { staleDays: 14, warnAtDays: 10, dormantDays: 90 };
  it('fresh, warning from 10 days, stale after 14, dormant after 90; undated posts count as not updated', () => {
    expect(judgeAccount(read(['2026-11-18']), '2026-11-20', windows).state).toBe('fresh');
    expect(judgeAccount(read(['2026-11-10']), '2026-11-20', windows).state).toBe('warning');
    expect(judgeAccount(read(['2026-11-06']), '2026-11-20', windows)).toMatchObject({ state: 'warning', ageDays: 14 });
    expect(judgeAccount(read(['2026-11-05']), '2026-11-20', windows)).toMatchObject({ state: 'stale', ageDays: 15 });
    expect(judgeAccount(read(['2026-08-01']), '2026-11-20', windows).state).toBe('dormant');
    expect(judgeAccount(read([undefined, undefined]), '2026-11-20', windows).state).toBe('stale');
    // A post dated in the future proves nothing about updating.
    expect(judgeAccount(read(['2026-12-01', '2026-11-01']), '2026-11-20', windows)).toMatchObject({ state: 'stale', ageDays: 19 });
  });
});

describe('the 政务新媒体 listing page', () => {
  it('rows naming a platform are accounts; navigation and unrelated rows are not', () => {
    const html = `<nav><ul><li><a href="/">首页</a></li><li><a href="/xmt/">微信公众号</a></li></ul></nav>
      <ul class="xmt"><li><span>微信公众号</span><a href="#"><strong>示范县发布</strong></a></li>
      <li>新浪微博：示范县 发布微博</li><li><a href="/n.html">县政府召开常务会议</a></li></ul>`;
    expect(parseListing(html).map((e) => e.name)).toEqual(['示范县发布', '示范县 发布微博']);
    expect(parseListing('<div><span class="nm">甲</span><span class="nm">乙号</span></div>', '.nm').map((e) => e.name)).toEqual(['乙号']);
  });

  it('compares names without spaces and punctuation, both ways', () => {
    const accounts = [account({ name: '示范县发布' }), account({ name: '示范县发布微博', platform: 'weibo' }), account({ name: '示范县快手', platform: 'kuaishou' })];
    const { notListed, notRegistered } = compareListing(accounts, [
      { name: '示范县发布', text: '' },
      { name: '示范县 发布微博', text: '' },
      { name: '示范县政务服务', text: '' },
    ]);
    expect(notListed.map((a) => a.name)).toEqual(['示范县快手']);
    expect(notRegistered.map((e) => e.name)).toEqual(['示范县政务服务']);
  });
});

describe('reading a mirror that needs the browser without one', () => {
  it('is reported as could-not-check (skipped), never as stale or broken', async () => {
    const { createServer } = await import('node:http');
    const { HttpClient, Resolver } = await import('../../src/crawl/index.ts');
    const { readAccount } = await import('../../src/newmedia/index.ts');
    const server = createServer((_req, res) => res.end('<div id="app"></div><script>/* timeline drawn here */</script>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const network = { timeoutMs: 3000, userAgent: 'test', dnsServers: [], hosts: {}, allowPrivate: ['127.0.0.0/8'] };
    const http = new HttpClient(network, new Resolver(network));
    try {
      const read = await readAccount(account({ platform: 'weibo', url: `http://127.0.0.1:${port}/` }), {
        http,
        profiles: await loadProfiles(),
        renderer: { available: false } as never,
        today: '2026-11-20',
        maxPosts: 20,
      });
      expect(read).toMatchObject({ outcome: 'skipped', error: 'no-browser', profile: 'weibo', posts: [] });
      expect(judgeAccount(read, '2026-11-20', { staleDays: 14, warnAtDays: 10, dormantDays: 90 }).state).toBe('skipped');
    } finally {
      await http.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('a mirror saying its interaction is closed', () => {
  it('is a standalone notice, not a post title or a script string that mentions closing comments', async () => {
    const { closedNotice } = await import('../../src/newmedia/index.ts');
    expect(closedNotice('<p class="notice">该账号已关闭评论</p>')).toBe('该账号已关闭评论');
    expect(closedNotice('<div><span>评论功能已关闭。</span></div>')).toBe('评论功能已关闭。');
    expect(closedNotice('<h4><a>关于暂时关闭留言板的公告</a></h4><p>因系统升级，留言板将暂时关闭三天。</p>')).toBeUndefined();
    expect(closedNotice('<script>var tip = "已关闭评论";</script><div class="card">正常</div>')).toBeUndefined();
  });
});
