// The content checks on crawled pages: region-aware text, one key for a footer repeated on many pages,
// hidden spam found, allow-lists global and per site.
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, type CheckContext } from '../../../src/checks/index.ts';
import { context, page, service } from './helpers.ts';

const CONTENT = CHECKS.filter((c) => c.group === 'content' && c.onPage);
let ctx: CheckContext;
beforeAll(() => {
  ctx = context(service({ allowBySite: { demo: ['坐阵'] } }));
});

const FOOTER = '<div class="footer">主办：示范县人民政府办公室 地址：人民路1号 联系电话：0572-5123456 部暑</div>';
const html = (body: string) => `<html><head><title>示范县人民政府</title></head><body><nav><a href="/">首页</a><a href="/gk">政务公开</a></nav><div id="content">${body}</div>${FOOTER}</body></html>`;
const runPage = (url: string, body: string, c = ctx) => CONTENT.flatMap((check) => check.onPage!(page(url, html(body)), c));

describe('content checks on pages', () => {
  it('give a footer typo repeated on two pages the same key, with the region', () => {
    const a = runPage('http://www.demo.test/a.html', '<p>第一篇正文。</p>');
    const b = runPage('http://www.demo.test/b.html', '<p>第二篇正文，内容不同。</p>');
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]!.key).toBe(b[0]!.key);
    expect(a[0]!.url).not.toBe(b[0]!.url);
    expect(a[0]!.evidence.region).toBe('footer');
    expect(a[0]!.evidence.suggestion).toBe('部署');
  });

  it('give the same typo in two different sentences two keys', () => {
    const drafts = runPage('http://www.demo.test/c.html', '<p>这是秸杆禁烧的通知。</p><p>另一句话里也有秸杆。</p>').filter((d) => d.check === 'typo.serious' && d.evidence.wrong === '秸杆');
    expect(drafts).toHaveLength(2);
    expect(drafts[0]!.key).not.toBe(drafts[1]!.key);
  });

  it('find gambling spam hidden by CSS', () => {
    const drafts = runPage('http://www.demo.test/d.html', '<p>正文。</p><div style="display:none"><a href="http://x.invalid/">澳门新葡京</a></div>');
    const spam = drafts.find((d) => d.check === 'sensitive.term');
    expect(spam?.severity).toBe('veto');
    expect(spam?.evidence.region).toBe('hidden');
    expect(spam?.evidence.category).toBe('博彩');
  });

  it('find porn SEO spam injected into the title of a hijacked page', () => {
    const hijacked = '<html><head><title>亚洲国产成人精品久久久_中文字幕乱码</title></head><body><p>县政府工作规则</p></body></html>';
    const drafts = CONTENT.flatMap((check) => check.onPage!(page('http://www.demo.test/h.html', hijacked), ctx));
    expect(drafts.map((d) => [d.check, d.evidence.term, d.evidence.region, d.severity])).toEqual([
      ['sensitive.term', '国产成人', 'title', 'veto'],
      ['sensitive.term', '精品久久久', 'title', 'veto'],
      ['sensitive.term', '中文字幕乱码', 'title', 'veto'],
    ]);
  });

  it('mask personal data in snippets of every check', () => {
    const drafts = runPage('http://www.demo.test/e.html', '<p>申请人张三，联系电话13912348888，在坐的同志请注意。</p>');
    expect(drafts.map((d) => d.check).sort()).toEqual(['privacy.phone', 'typo.serious', 'typo.serious']);
    for (const d of drafts) expect(JSON.stringify(d)).not.toContain('13912348888');
    expect(drafts.find((d) => d.check === 'typo.serious' && d.evidence.wrong === '在坐')!.evidence.snippet).toContain('139****8888');
  });

  it('apply the site allow-list to typos but never to personal data', () => {
    const other = context(service(), 'other');
    const body = '<p>县长坐阵指挥，联系电话13912348888。</p>';
    expect(runPage('http://www.demo.test/f.html', body).map((d) => d.check).sort()).toEqual(['privacy.phone', 'typo.serious']);
    expect(runPage('http://www.demo.test/f.html', body, ctx).filter((d) => d.evidence.wrong === '坐阵')).toHaveLength(0);
    expect(runPage('http://www.demo.test/f.html', body, other).filter((d) => d.evidence.wrong === '坐阵')).toHaveLength(1);
  });

  it('report nothing when checks.content.enabled is false', () => {
    const off = { ...ctx, config: { ...ctx.config, checks: { ...ctx.config.checks, content: { ...ctx.config.checks.content, enabled: false } } } };
    expect(runPage('http://www.demo.test/g.html', '<p>秸杆</p>', off)).toEqual([]);
  });
});
