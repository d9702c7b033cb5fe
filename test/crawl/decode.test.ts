import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/crawl/index.ts';

const page = (head: string) => `<html><head>${head}<title>示范县人民政府信息公开</title></head><body><p>政府信息公开年度报告，依申请公开。</p></body></html>`;

describe('decoding Chinese pages', () => {
  it('uses the charset of the HTTP header', () => {
    const d = decodeHtml(iconv.encode(page(''), 'gbk'), 'text/html; charset=GBK');
    expect(d).toMatchObject({ source: 'header', charset: 'gb18030' });
    expect(d.text).toContain('示范县人民政府信息公开');
  });

  it('falls back to <meta charset> and to <meta http-equiv>', () => {
    expect(decodeHtml(iconv.encode(page('<meta charset="gbk">'), 'gbk'), 'text/html').text).toContain('依申请公开');
    const equiv = decodeHtml(iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk'), undefined);
    expect(equiv.source).toBe('meta');
    expect(equiv.text).toContain('政府信息公开年度报告');
  });

  it('detects GB18030 when nothing is declared', () => {
    const long = page('') + '<p>' + '按照《中华人民共和国政府信息公开条例》规定，现将本机关政府信息公开工作情况报告如下。'.repeat(20) + '</p>';
    const d = decodeHtml(iconv.encode(long, 'gb18030'));
    expect(d.source).toBe('detected');
    expect(d.text).toContain('中华人民共和国政府信息公开条例');
  });

  it('keeps UTF-8 pages as they are', () => {
    expect(decodeHtml(Buffer.from(page('<meta charset="utf-8">')), 'text/html').text).toContain('示范县');
  });
});
