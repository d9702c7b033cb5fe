// crawl stage: turning the bytes of a Chinese government page into text — HTTP header charset, then
// <meta charset>, then <meta http-equiv>, then detection (GBK/GB2312/GB18030 sites are common).
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Charset named in a Content-Type value, lower-cased, or undefined. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Charset declared inside the first 4 KB of an HTML document (meta charset, then meta http-equiv). */
export function charsetFromMeta(head: string): string | undefined {
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : undefined;
}

/** GBK and GB2312 pages routinely carry GB18030 characters; decode them all as GB18030 (a superset). */
function canonical(charset: string): string | undefined {
  const c = charset.toLowerCase().replace(/^x-/, '');
  if (c === 'gbk' || c === 'gb2312' || c === 'gb_2312-80' || c === 'gb18030' || c === 'cp936' || c === 'euc-cn') return 'gb18030';
  if (c === 'utf8') return 'utf-8';
  return iconv.encodingExists(c) ? c : undefined;
}

export interface Decoded {
  text: string;
  /** The charset used, and where it came from. */
  charset: string;
  source: 'header' | 'meta' | 'bom' | 'detected' | 'default';
}

/** Decodes with iconv-lite; UTF-8 (most pages) with Node's own decoder, which gives the same text faster. */
function decodeAs(body: Buffer, charset: string): string {
  return charset === 'utf-8' ? body.toString('utf8') : iconv.decode(body, charset);
}

/** Decodes an HTML (or text) body. */
export function decodeHtml(body: Buffer, contentType?: string): Decoded {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    return { text: body.subarray(3).toString('utf8'), charset: 'utf-8', source: 'bom' };
  }
  const fromHeader = canonical(charsetFromContentType(contentType) ?? '');
  if (fromHeader) return { text: decodeAs(body, fromHeader), charset: fromHeader, source: 'header' };
  const head = body.subarray(0, 4096).toString('latin1');
  const fromMeta = canonical(charsetFromMeta(head) ?? '');
  if (fromMeta) return { text: decodeAs(body, fromMeta), charset: fromMeta, source: 'meta' };
  const detected = canonical(chardet.detect(body.subarray(0, 65536)) ?? '');
  if (detected) {
    // chardet calls most GB text GB18030 or Big5-ish; prefer GB18030 for anything Chinese but UTF-8.
    const charset = detected === 'utf-8' || detected === 'ascii' ? 'utf-8' : detected.startsWith('big5') || detected === 'euc-kr' || detected === 'euc-jp' || detected === 'shift_jis' ? 'gb18030' : detected;
    const text = iconv.decode(body, charset === 'ascii' ? 'utf-8' : charset);
    return { text, charset, source: 'detected' };
  }
  return { text: body.toString('utf8'), charset: 'utf-8', source: 'default' };
}
