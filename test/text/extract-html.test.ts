// Visible text of a page by region: title, header, nav, main, footer and hidden content kept apart.
import { describe, expect, it } from 'vitest';
import { extractHtmlText } from '../../src/text/extract-html.ts';

const HTML = `<!doctype html><html><head><title> 关于印发通知 </title><style>.x{color:red}</style></head><body>
<div class="header"><img src="logo.png" alt="示范县人民政府门户网站"></div>
<nav><a href="/">首页</a><a href="/gk">政务公开</a></nav>
<div id="content"><h1>标题</h1><p>正文第一段，<a href="/a">详见附件</a>。</p>
<table><tr><th>姓名</th><th>电话</th></tr><tr><td>张三</td><td>13812341234</td></tr></table></div>
<div style="display: none">澳门新葡京</div><p hidden>隐藏段落</p>
<div class="footer">主办：示范县人民政府办公室</div><script>document.write('脚本文字')</script><noscript>请启用脚本</noscript>
</body></html>`;

describe('extractHtmlText', () => {
  it('keeps title, header, nav, main, footer and hidden text apart, without scripts', () => {
    const regions = Object.fromEntries(extractHtmlText(HTML).map((r) => [r.region, r.text]));
    expect(regions).toEqual({
      title: '关于印发通知',
      header: '示范县人民政府门户网站',
      nav: '首页 政务公开',
      main: '标题\n正文第一段，详见附件。\n姓名\t电话\n张三\t13812341234',
      footer: '主办：示范县人民政府办公室',
      hidden: '澳门新葡京\n隐藏段落',
    });
  });

  it('treats a page without structure as main text', () => {
    expect(extractHtmlText('<p>只有一段。</p>')).toEqual([{ region: 'main', text: '只有一段。' }]);
  });
});
