// bench: the generated benchmark site is deterministic and has the shape the figures assume.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BenchSite, BUCKET } from '../../bench/site.ts';

const PORT = 8080;

function text(site: BenchSite, id: number): string {
  const body = site.renderPage(id, 'names', PORT).body;
  return site.isGbk(id) ? iconv.decode(body, 'gbk') : body.toString('utf8');
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
}

describe('bench site generator', () => {
  it('renders the same bytes for the same seed and page count', () => {
    const a = new BenchSite({ pages: 300 });
    const b = new BenchSite({ pages: 300 });
    for (const id of [0, 1, 5, 13, 77, 299]) expect(a.renderPage(id, 'names', PORT).body.equals(b.renderPage(id, 'names', PORT).body)).toBe(true);
  });

  it('renders different pages for another seed', () => {
    const a = new BenchSite({ pages: 300, seed: 1 });
    const b = new BenchSite({ pages: 300, seed: 2 });
    expect(a.renderPage(77, 'names', PORT).body.equals(b.renderPage(77, 'names', PORT).body)).toBe(false);
  });

  it('maps every page id to a path and back', () => {
    const site = new BenchSite({ pages: 1200 });
    for (let id = 0; id < site.pages; id++) expect(site.idOf(site.pathOf(id))).toBe(id);
    expect(site.idOf('/zwdt/bxyw/b0/t20261119_99999.html')).toBeUndefined();
    expect(site.pathOf(BUCKET + 13)).toMatch(/\/b1\//);
  });

  it('makes pages of 30–80 KB with 60–150 links', () => {
    const site = new BenchSite({ pages: 2000 });
    for (let id = 0; id < site.pages; id += 37) {
      const body = site.renderPage(id, 'names', PORT).body;
      expect(body.length).toBeGreaterThanOrEqual(30 * 1024);
      expect(body.length).toBeLessThanOrEqual(82 * 1024);
      const n = hrefs(text(site, id)).length;
      expect(n).toBeGreaterThanOrEqual(60);
      expect(n).toBeLessThanOrEqual(150);
    }
  });

  it('encodes every eighth page in GBK, declared in <meta> and sometimes in the header', () => {
    const site = new BenchSite({ pages: 300 });
    const gbk = site.renderPage(13, 'names', PORT);
    expect(site.isGbk(13)).toBe(true);
    expect(gbk.body.toString('utf8')).not.toContain('示范县人民政府');
    expect(iconv.decode(gbk.body, 'gbk')).toContain('<meta charset="gbk">');
    expect(iconv.decode(gbk.body, 'gbk')).toContain('示范县人民政府');
    expect(site.renderPage(21, 'names', PORT).contentType).toBe('text/html; charset=GBK');
  });

  it('reaches every page from the homepage by its links', () => {
    const site = new BenchSite({ pages: 600 });
    const seen = new Set<number>([0]);
    const todo = [0];
    while (todo.length) {
      const id = todo.pop()!;
      for (const href of hrefs(text(site, id))) {
        const path = href.replace(/^http:\/\/[^/]+/, '');
        const next = href.includes('other.gov.test') ? undefined : site.idOf(path);
        if (next !== undefined && !seen.has(next)) (seen.add(next), todo.push(next));
      }
    }
    expect(seen.size).toBe(600);
  });

  it('differs between the name and address variants only in absolute links (and the padding that keeps the size)', () => {
    const site = new BenchSite({ pages: 300 });
    const unpadded = (v: 'names' | 'addresses') => site.renderPage(42, v, PORT).body.toString('utf8').replace(/<script>\n[\s\S]*?<\/script>/, '');
    const names = unpadded('names');
    const addresses = unpadded('addresses');
    expect(addresses.replaceAll('127.0.0.1', 'www.bench.gov.test').replaceAll('127.0.0.2', 'www.other.gov.test')).toBe(names);
  });

  it('answers 404 for unknown paths and serves attachments, images and external pages', () => {
    const site = new BenchSite({ pages: 300 });
    expect(site.serve('site', '/nope.html', 'names', PORT).status).toBe(404);
    expect(site.serve('site', '/uploads/f0.pdf', 'names', PORT).contentType).toBe('application/pdf');
    expect(site.serve('site', '/images/p3.png', 'names', PORT).contentType).toBe('image/png');
    expect(site.serve('external', '/ext/1.html', 'names', PORT).status).toBe(200);
    expect(site.serve('external', '/ext/7.html', 'names', PORT).status).toBe(404);
  });
});
