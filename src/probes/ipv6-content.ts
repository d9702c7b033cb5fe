// probes stage: what a homepage says, reduced to what the IPv6/IPv4 consistency test compares — status, title,
// a hash of the main text and its shingles — and the comparison itself.
import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import { decodeHtml } from '../crawl/index.ts';

/** The comparable essence of one fetched homepage. */
export interface PageDigest {
  status: number;
  title: string;
  /** sha256 (first 16 hex digits) of the whitespace-free main text. */
  textHash: string;
  textLength: number;
  /** Character 4-gram shingles of the main text (not serialised). */
  shingles: Set<string>;
}

/** How one IPv6 homepage compares with the IPv4 one. */
export interface Consistency {
  consistent: boolean;
  sameStatus: boolean;
  sameTitle: boolean;
  /** Share of the main-text shingles both versions have (Jaccard), 0 … 1. */
  similarity: number;
  /** What differs, in words a supervisor reads: `status`, `title`, `content`. */
  differences: ('status' | 'title' | 'content')[];
  v6: { status: number; title: string; textHash: string; textLength: number };
  v4: { status: number; title: string; textHash: string; textLength: number };
}

const SHINGLE = 4;

/** The visible main text of an HTML page: scripts, styles and page furniture removed, whitespace dropped. */
function mainText(html: string): { title: string; text: string } {
  const $ = load(html);
  const title = $('title').first().text().replace(/\s+/g, ' ').trim();
  $('script, style, noscript, template, iframe, svg').remove();
  const main = $('main, #main, .main, article, #content, .content').first();
  const root = main.length ? main : $('body');
  const text = (root.length ? root.text() : $.root().text()).replace(/\s+/g, '');
  return { title, text };
}

/** Digests a fetched homepage body. */
export function digestPage(status: number, body: Buffer, contentType: string | undefined): PageDigest {
  const { text: html } = decodeHtml(body, contentType);
  const { title, text } = mainText(html);
  const shingles = new Set<string>();
  const chars = [...text];
  if (chars.length && chars.length < SHINGLE) shingles.add(text);
  for (let i = 0; i + SHINGLE <= chars.length; i++) shingles.add(chars.slice(i, i + SHINGLE).join(''));
  const textHash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return { status, title, textHash, textLength: chars.length, shingles };
}

/** Jaccard similarity of two shingle sets (1 for two empty texts). */
function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Compares the IPv6 homepage with the IPv4 one; `tolerance` is the share of text allowed to differ. */
export function compareDigests(v6: PageDigest, v4: PageDigest, tolerance: number): Consistency {
  const sameStatus = v6.status === v4.status;
  const sameTitle = v6.title === v4.title;
  const similarity = v6.textHash === v4.textHash ? 1 : jaccard(v6.shingles, v4.shingles);
  const differences: Consistency['differences'] = [];
  if (!sameStatus) differences.push('status');
  if (!sameTitle) differences.push('title');
  if (1 - similarity > tolerance + 1e-9) differences.push('content');
  const plain = (d: PageDigest) => ({ status: d.status, title: d.title, textHash: d.textHash, textLength: d.textLength });
  return { consistent: !differences.length, sameStatus, sameTitle, similarity: Math.round(similarity * 1000) / 1000, differences, v6: plain(v6), v4: plain(v4) };
}
