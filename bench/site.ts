// bench: a deterministic generated government site of N pages (30–80 KB each, 60–150 links, every eighth page GBK),
// rendered from pre-encoded fragments so the server costs microseconds per page and never limits a crawl.
import iconv from 'iconv-lite';
import { addDays } from '../test/fixtures/gov-site/dates.ts';
import { pdfBytes, pngBytes } from '../test/fixtures/gov-site/file-bytes.ts';
import { createRng, type Rng } from '../test/fixtures/gov-site/prng.ts';
import { bodyParagraphs, makeTitle, type ProseKind } from '../test/fixtures/gov-site/prose.ts';

/** The site's host name (resolved by the bench DNS stub) and the other government site its pages link to. */
export const BENCH_HOST = 'www.bench.gov.test';
export const EXTERNAL_HOST = 'www.other.gov.test';
/** Loopback address that stands for the external host in the address-only variant served to linkinator. */
export const EXTERNAL_IP = '127.0.0.2';
/** Date every page date counts back from (the clock the checks are pinned to). */
export const BENCH_TODAY = '2026-11-20';
/** Pages per URL bucket (`/b0/` holds ids below this): the browser run crawls bucket 0. */
export const BUCKET = 500;

/** Columns (栏目): path, name, what they publish and the indicator class of the config. */
export const SECTIONS = [
  ['zwdt/bxyw', '本县要闻', 'county', '动态要闻'],
  ['zwdt/bmdt', '部门动态', 'dept', '动态要闻'],
  ['zwdt/xzdt', '乡镇动态', 'town', '动态要闻'],
  ['zwgk/tzgg', '通知公告', 'notice', '通知公告'],
  ['zwgk/zcwj', '政策文件', 'policy', '政策文件'],
  ['zwgk/rsxx', '人事信息', 'personnel', '人事'],
  ['zwgk/ghjh', '规划计划', 'plan', '规划计划'],
  ['ztzl/xczx', '乡村振兴', 'topic', '专题'],
  ['ztzl/aqsc', '安全生产', 'topic', '专题'],
  ['xxgk/fdzdgk', '法定主动公开', 'open', '其他'],
  ['xxgk/zfxxgknb', '政府信息公开年报', 'open', '其他'],
  ['hdjl/zxft', '在线访谈', 'county', '其他'],
] as const;

const COLUMN_IDS = SECTIONS.length; // ids 1..12 are the column index pages
const LIST_ITEMS = 40;
const IMAGE_POOL = 64;
const EXTERNAL_POOL = 200;
const PARAGRAPH_POOL = 3000;

/** Which host names a page's absolute links use: the DNS names (govhealth) or loopback addresses (linkinator). */
export type Variant = 'names' | 'addresses';

export interface BenchSiteOptions {
  pages: number;
  seed?: number;
}

/** What one GET of a path answers. */
export interface Served {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Counts known from the model itself, without rendering. */
export interface SiteShape {
  pages: number;
  seed: number;
  attachments: number;
  images: number;
  externalPages: number;
}

interface Fragment {
  utf8: Buffer;
  gbk: Buffer;
}

function fragment(html: string): Fragment {
  const gbk = iconv.encode(html, 'gbk');
  if (iconv.decode(gbk, 'gbk') !== html) throw new Error(`bench site: GBK cannot encode ${html.slice(0, 40)}`);
  return { utf8: Buffer.from(html, 'utf8'), gbk };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Padding of ordinary inline page script (statistics and menu code), ASCII, cut to any length. */
const PAD_LINE = 'try{(function(w,d){var m=d.getElementsByTagName("li");for(var i=0;i<m.length;i++){m[i].className+=" x";}})(window,document);}catch(e){}\n';
const PAD = Buffer.from(PAD_LINE.repeat(Math.ceil(90_000 / PAD_LINE.length)), 'latin1');

/** A generated site. Every method is a pure function of (seed, pages, id, variant, port). */
export class BenchSite {
  readonly pages: number;
  readonly seed: number;
  readonly attachments: number;
  private readonly paragraphs: Fragment[];
  private readonly nav: Fragment;
  private readonly footer: Fragment;
  private readonly images: Buffer[];

  constructor(options: BenchSiteOptions) {
    if (!Number.isInteger(options.pages) || options.pages < COLUMN_IDS + 2) throw new Error(`bench site: pages must be an integer ≥ ${COLUMN_IDS + 2}, got ${options.pages}`);
    this.pages = options.pages;
    this.seed = options.seed ?? 20261120;
    this.attachments = Math.max(20, Math.floor(this.pages / 100));
    const rng = createRng(`${this.seed}:paragraphs`);
    this.paragraphs = [];
    for (let i = 0; this.paragraphs.length < PARAGRAPH_POOL; i++) {
      const kind = SECTIONS[i % SECTIONS.length]![2] as ProseKind;
      const date = addDays(BENCH_TODAY, -rng.int(900));
      for (const p of bodyParagraphs(kind, makeTitle(kind, rng, date), date, rng)) this.paragraphs.push(fragment(`<p>${esc(p)}</p>\n`));
    }
    const navItems = SECTIONS.map(([path, name]) => `<li><a href="/${path}/">${name}</a></li>`).join('');
    this.nav = fragment(
      `<div class="header"><div class="logo">示范县人民政府 门户网站</div><div class="top"><a href="/">首页</a> <a href="/zwgk/tzgg/">通知公告</a></div></div>\n` +
        `<div class="nav"><ul><li><a href="/">首页</a></li>${navItems}</ul></div>\n`,
    );
    this.footer = fragment(
      `<div class="footer"><p>主办：示范县人民政府办公室　承办：示范县大数据中心</p>` +
        `<p>网站标识码：3399000001　地址：示范县人民路1号</p><p><a href="/${SECTIONS[0]![0]}/">本县要闻</a> <a href="/${SECTIONS[3]![0]}/">通知公告</a></p></div>\n</body></html>\n`,
    );
    this.images = Array.from({ length: 8 }, (_, k) => pngBytes(4 + k, 4, [180, 20 * k, 20]));
  }

  shape(): SiteShape {
    return { pages: this.pages, seed: this.seed, attachments: this.attachments, images: IMAGE_POOL, externalPages: EXTERNAL_POOL };
  }

  /** Path of page `id` (0 the homepage, 1–12 the column indexes, then articles in buckets of 500). */
  pathOf(id: number): string {
    if (id === 0) return '/';
    if (id <= COLUMN_IDS) return `/${SECTIONS[id - 1]![0]}/`;
    const date = this.dateOf(id).replace(/-/g, '');
    return `/${SECTIONS[id % COLUMN_IDS]![0]}/b${Math.floor(id / BUCKET)}/t${date}_${id}.html`;
  }

  /** Page id of a path, or undefined when the path is no page. */
  idOf(path: string): number | undefined {
    if (path === '/' || path === '/index.html') return 0;
    const col = SECTIONS.findIndex(([p]) => path === `/${p}/` || path === `/${p}/index.html`);
    if (col >= 0) return col + 1;
    const m = /^\/([a-z]+\/[a-z]+)\/b(\d+)\/t\d{8}_(\d+)\.html$/.exec(path);
    if (!m) return undefined;
    const id = Number(m[3]);
    return id > COLUMN_IDS && id < this.pages && path === this.pathOf(id) ? id : undefined;
  }

  /** Every page path, in id order. */
  *paths(): Generator<string> {
    for (let id = 0; id < this.pages; id++) yield this.pathOf(id);
  }

  /** Publication date: newer for smaller ids (every column has fresh items at the top of its list). */
  dateOf(id: number): string {
    return addDays(BENCH_TODAY, -Math.floor(id / COLUMN_IDS));
  }

  /** Every eighth page is GBK-encoded (half of them say so in the header, the others only in <meta>). */
  isGbk(id: number): boolean {
    return id % 8 === 5;
  }

  private titleOf(id: number): string {
    if (id === 0) return '示范县人民政府';
    if (id <= COLUMN_IDS) return SECTIONS[id - 1]![1];
    const rng = createRng(`${this.seed}:title:${id}`);
    return makeTitle(SECTIONS[id % COLUMN_IDS]![2] as ProseKind, rng, this.dateOf(id));
  }

  /** Renders page `id`; `origin` is the site's `http://host:port` of the variant. */
  renderPage(id: number, variant: Variant, port: number): Served {
    const rng = createRng(`${this.seed}:page:${id}`);
    const gbk = this.isGbk(id);
    const self = variant === 'names' ? `http://${BENCH_HOST}:${port}` : `http://127.0.0.1:${port}`;
    const ext = variant === 'names' ? `http://${EXTERNAL_HOST}:${port}` : `http://${EXTERNAL_IP}:${port}`;
    const title = this.titleOf(id);
    const date = this.dateOf(id);
    const targetBytes = rng.range(30, 80) * 1024;
    const linkBudget = rng.range(60, 150);
    // Fixed links on every page: nav (13), header (2), footer (2), stylesheet and script (2).
    let links = 19;
    const parts: string[] = [];
    const a = (href: string, text: string) => {
      links++;
      return `<a href="${href}">${esc(text)}</a>`;
    };
    // Tree children make every page reachable (depth ≤ log10 N); the related list adds cross-links.
    const children: number[] = [];
    for (let c = id * 10 + 1; c <= id * 10 + 10 && c < this.pages; c++) if (c > COLUMN_IDS) children.push(c);
    if (id > 0 && id <= COLUMN_IDS) {
      // A column index: its newest items, dated, then the rest of the tree below it.
      const items: string[] = [];
      for (let k = id - 1 + COLUMN_IDS; items.length < LIST_ITEMS && k < this.pages; k += COLUMN_IDS) {
        if (k <= COLUMN_IDS) continue;
        items.push(`<li>${a(this.pathOf(k), this.titleOf(k))}<span>${this.dateOf(k)}</span></li>`);
      }
      parts.push(`<ul class="list">${items.join('\n')}</ul>\n`);
    }
    if (id > COLUMN_IDS) {
      parts.push(`<div class="article"><h1>${esc(title)}</h1><div class="meta">发布时间：${date}　来源：${SECTIONS[id % COLUMN_IDS]![1]}</div><div class="content">\n`);
    }
    const head = parts.join('');
    const tail: string[] = [];
    tail.push('<div class="related"><h3>相关阅读</h3><ul>');
    for (const c of children) tail.push(`<li>${a(this.pathOf(c), this.titleOf(c))}</li>`);
    tail.push(`<li>${a(`${self}${this.pathOf(id > 0 ? Math.floor((id - 1) / 10) : 0)}`, '上一级')}</li>`);
    if (rng.chance(0.3)) {
      const n = rng.range(1, 2);
      for (let k = 0; k < n; k++) tail.push(`<li>附件：${a(`/uploads/f${rng.int(this.attachments)}.pdf`, '附件下载.pdf')}</li>`);
    }
    if (rng.chance(0.02)) tail.push(`<li>${a(`/missing/${id}.html`, '已删除的页面')}</li>`);
    const images = rng.range(3, 6);
    for (let k = 0; k < images; k++) {
      links++;
      tail.push(`<li><img src="/images/p${rng.int(IMAGE_POOL)}.png" alt="图片"></li>`);
    }
    const externals = rng.range(2, 6);
    for (let k = 0; k < externals; k++) tail.push(`<li>${a(`${ext}/ext/${rng.int(EXTERNAL_POOL)}.html`, '兄弟单位网站')}</li>`);
    tail.push(`<li>${a(`${self}/${SECTIONS[rng.int(SECTIONS.length)]![0]}/`, '栏目首页')}</li>`);
    while (links < linkBudget) {
      const k = rng.int(this.pages);
      tail.push(`<li>${a(this.pathOf(k), k === 0 ? '首页' : k <= COLUMN_IDS ? SECTIONS[k - 1]![1] : `相关信息${k}`)}</li>`);
    }
    tail.push('</ul></div>\n');
    const docStart =
      `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="${gbk ? 'gbk' : 'utf-8'}">` +
      `<title>${esc(title)}_示范县人民政府</title><meta name="SiteName" content="示范县人民政府"><meta name="PubDate" content="${date} 09:00">` +
      `<link rel="stylesheet" href="/css/site.css"><script src="/js/common.js"></script></head>\n<body>\n`;
    const enc = (s: string) => (gbk ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
    const pick = (f: Fragment) => (gbk ? f.gbk : f.utf8);
    const chunks: Buffer[] = [enc(docStart), pick(this.nav), enc(head)];
    // Body text: about a third of the page, the rest is markup and inline script as on real portals.
    const textBytes = Math.floor(targetBytes / 3);
    let size = chunks.reduce((s, c) => s + c.length, 0);
    let textSoFar = 0;
    for (let p = rng.int(PARAGRAPH_POOL); textSoFar < textBytes; p = (p + 1) % PARAGRAPH_POOL) {
      const f = pick(this.paragraphs[p]!);
      chunks.push(f);
      textSoFar += f.length;
    }
    if (id > COLUMN_IDS) chunks.push(enc('</div></div>\n'));
    chunks.push(enc(tail.join('\n')), pick(this.footer));
    size = chunks.reduce((s, c) => s + c.length, 0);
    const open = Buffer.from('<script>\n', 'latin1');
    const close = Buffer.from('</script>\n', 'latin1');
    const pad = Math.max(0, targetBytes - size - open.length - close.length);
    chunks.splice(chunks.length - 1, 0, open, PAD.subarray(0, Math.min(pad, PAD.length)), close);
    const contentType = gbk ? (id % 16 === 5 ? 'text/html; charset=GBK' : 'text/html') : 'text/html; charset=utf-8';
    return { status: 200, contentType, body: Buffer.concat(chunks) };
  }

  /** Answers a GET of `path` on the site host or the external host, in one variant. */
  serve(host: 'site' | 'external', path: string, variant: Variant, port: number): Served {
    if (host === 'external') {
      const m = /^\/ext\/(\d+)\.html$/.exec(path);
      if (!m || Number(m[1]) % 20 === 7) return notFound();
      return html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>兄弟单位${m[1]}</title></head><body><p>兄弟单位网站首页</p></body></html>\n`);
    }
    const id = this.idOf(path);
    if (id !== undefined) return this.renderPage(id, variant, port);
    if (path === '/css/site.css') return { status: 200, contentType: 'text/css', body: Buffer.from('body{margin:0;font:14px/1.8 sans-serif}.nav li{float:left}\n') };
    if (path === '/js/common.js') return { status: 200, contentType: 'application/javascript', body: Buffer.from('(function(){})();\n') };
    let m = /^\/images\/p(\d+)\.png$/.exec(path);
    if (m && Number(m[1]) < IMAGE_POOL) return { status: 200, contentType: 'image/png', body: this.images[Number(m[1]) % this.images.length]! };
    m = /^\/uploads\/f(\d+)\.pdf$/.exec(path);
    if (m && Number(m[1]) < this.attachments) return { status: 200, contentType: 'application/pdf', body: pdfBytes(`Attachment ${m[1]} of the bench site`) };
    return notFound();
  }
}

function html(s: string): Served {
  return { status: 200, contentType: 'text/html; charset=utf-8', body: Buffer.from(s, 'utf8') };
}

function notFound(): Served {
  return { status: 404, contentType: 'text/html; charset=utf-8', body: Buffer.from('<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 页面不存在</h1></body></html>\n') };
}

/** Deterministic random source for callers that need one (re-exported for the corpus). */
export function benchRng(seed: number, label: string): Rng {
  return createRng(`${seed}:${label}`);
}
