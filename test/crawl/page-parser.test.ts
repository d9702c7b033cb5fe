import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { parsePage, releaseDocument, textOf } from '../../src/crawl/page-parser.ts';

const base = 'http://www.demo.gov.test/zwdt/index.html';

describe('page parser', () => {
  it('resolves every kind of link and keeps anchor text', () => {
    const p = parsePage(
      `<html><head><title> 本县要闻 </title><link rel="stylesheet" href="/css/a.css"><script src="js/a.js"></script></head><body>
       <a href="../xxgk/index.html#top">信息公开</a><img src="//img.demo.gov.test/a.png" alt="图"><iframe src="/map.html"></iframe>
       <a href="mailto:a@b.test">邮箱</a><a href="tel:12345">电话</a><a name="anchor">目标</a>
       <a href="HTTP://WWW.DEMO.GOV.TEST/a.html">大写</a></body></html>`,
      base,
    );
    expect(p.title).toBe('本县要闻');
    expect(p.links.map((l) => [l.tag, l.target])).toEqual([
      ['a', 'http://www.demo.gov.test/xxgk/index.html'],
      ['a', 'http://www.demo.gov.test/a.html'],
      ['img', 'http://img.demo.gov.test/a.png'],
      ['link', 'http://www.demo.gov.test/css/a.css'],
      ['script', 'http://www.demo.gov.test/zwdt/js/a.js'],
      ['iframe', 'http://www.demo.gov.test/map.html'],
    ]);
    expect(p.links[2]!.anchor).toBe('图');
  });

  it('tells placeholders from controls handled by scripts', () => {
    const p = parsePage(
      `<ul><li><a href="#">关于做好冬季安全生产工作的通知</a></li><li><a href="javascript:void(0)" onclick="print()">打印本页</a></li>
       <li><a href="javascript:window.close()">关闭窗口</a></li><li><a href="#top">返回顶部</a></li><li><a href="">空链接标题</a></li></ul>`,
      base,
    );
    expect(p.placeholders).toEqual([
      { raw: '#', anchor: '关于做好冬季安全生产工作的通知', handled: false },
      { raw: 'javascript:void(0)', anchor: '打印本页', handled: true },
      { raw: '', anchor: '空链接标题', handled: false },
    ]);
  });

  it('marks links inside content hidden by inline styles and <style> rules', () => {
    const p = parsePage(
      `<style>.lnk { display : none }</style>
       <div style="display:none"><a href="http://spam.test/1">a</a></div>
       <div style="position:absolute;left:-9999px"><a href="http://spam.test/2">b</a></div>
       <p style="font-size:0px"><a href="http://spam.test/3">c</a></p>
       <div style="width:0;height:0;overflow:hidden"><a href="http://spam.test/4">d</a></div>
       <span class="x lnk"><a href="http://spam.test/5">e</a></span>
       <div style="visibility:hidden"><a href="http://spam.test/6">f</a></div>
       <div style="font-size:12px;left:10px"><a href="http://ok.test/">visible</a></div>`,
      base,
    );
    expect(p.links.map((l) => l.hidden)).toEqual(['display:none', 'off-screen', 'font-size:0', 'zero-size', 'display:none', 'visibility:hidden', undefined]);
  });

  it('reports file:// links', () => {
    expect(parsePage('<a href="file:///C:/Users/admin/Desktop/通知.docx">附件</a>', base).fileLinks).toEqual([
      { raw: 'file:///C:/Users/admin/Desktop/通知.docx', url: 'file:///C:/Users/admin/Desktop/%E9%80%9A%E7%9F%A5.docx', anchor: '附件', tag: 'a' },
    ]);
  });

  it('reads text as cheerio does: script and style text kept, comments left out, template contents included', () => {
    const $ = cheerio.load('<p>a<!-- c --><b>b</b><script>s()</script><style>.x{}</style></p><template><i>t</i></template><svg><![CDATA[d]]></svg>');
    const root = $.root()[0]!;
    expect(textOf([root])).toBe($.root().text());
    expect(textOf($('p').toArray())).toBe('abs().x{}');
  });

  it('releases a parsed document: its nodes are detached, what was extracted stays', () => {
    const p = parsePage('<title>t</title><a href="/x">x</a>', base);
    releaseDocument(p.$);
    expect(p.$.root()[0]!.children).toEqual([]);
    expect(p.links.map((l) => l.target)).toEqual(['http://www.demo.gov.test/x']);
  });
});
