// Contract of the check registry: unique ids, each described and tied to a settings group of the config, and
// silence on a clean page and a clean set of link targets.
import { describe, expect, it } from 'vitest';
import { assertUniqueIds, CHECKS, type LinkTarget, type SiteInput } from '../../src/checks/index.ts';
import { configSchema } from '../../src/config/index.ts';
import { parsePage } from '../../src/crawl/page-parser.ts';
import { context, page, service } from './content/helpers.ts';

const CLEAN = `<!doctype html><html><head><meta charset="utf-8"><title>示范县人民政府</title><link rel="stylesheet" href="/a.css"></head>
<body><nav><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="#top">返回顶部</a><a href="javascript:void(0)" onclick="print()">打印本页</a></nav>
<ul class="menu" style="display:none"><li><a href="/zwdt/bmdt/">部门动态</a></li></ul>
<div id="content"><h1>县政府召开常务会议</h1><p>会议研究部署秸秆综合利用和冬季安全生产工作，要求各乡镇、各部门压实责任。</p>
<p>咨询电话：0572-5123456。<a href="https://partner.gov.test/">上级政府网站</a></p></div>
<div class="footer">主办：示范县人民政府办公室　网站标识码：3399000001</div></body></html>`;

describe('check registry', () => {
  it('has unique ids and refuses a duplicate', () => {
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    expect(() => assertUniqueIds([CHECKS[0]!, CHECKS[0]!])).toThrow(/duplicate check id/);
  });

  it('describes every check in Chinese and ties it to a settings group of the config', () => {
    const groups = Object.keys(configSchema.shape.checks.unwrap().shape);
    for (const c of CHECKS) {
      expect(c.id, c.id).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)*$/);
      expect(c.title, c.id).toMatch(/\p{Script=Han}/u);
      expect(c.description.length, c.id).toBeGreaterThan(20);
      expect(groups, c.id).toContain(c.group);
    }
  });

  it('reports nothing on a clean page', () => {
    const ctx = context(service());
    const url = 'http://www.demo.test/zwdt/1.html';
    const snapshot = { ...page(url, CLEAN), parsed: parsePage(CLEAN, url) };
    const drafts = CHECKS.filter((c) => c.onPage).flatMap((c) => c.onPage!(snapshot, ctx));
    expect(drafts).toEqual([]);
  });

  it('the link checks report nothing when every target opens', async () => {
    const ctx = context(service());
    const targets: LinkTarget[] = ['http://www.demo.test/a.css', 'http://www.demo.test/zwgk/', 'https://partner.gov.test/'].map((url) => ({
      url,
      facts: { url, outcome: 'fetched', status: 200, title: '示范县人民政府', textLength: 3000, textStart: '首页 政务公开' },
      occurrences: [{ page: 'http://www.demo.test/', anchor: '首页', tag: 'a' }],
      hiddenOccurrences: url.includes('zwgk') ? [{ page: 'http://www.demo.test/', anchor: '政务公开', tag: 'a', hidden: 'display:none' }] : [],
      pageCount: 1,
      onHomepage: true,
      sameSite: url.includes('demo.test'),
    }));
    const input: SiteInput = {
      runId: 1,
      homepage: 'http://www.demo.test/',
      async *linkTargets() {
        yield* targets;
      },
    };
    for (const c of CHECKS.filter((x) => x.group === 'links')) expect(await c.onSite!(input, ctx), c.id).toEqual([]);
  });
});
