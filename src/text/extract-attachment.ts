// text stage: text of attachments (PDF, DOCX, XLSX, DOC, XLS, plain text) for the content checks. A file that
// cannot be read comes back as `skipped` with the reason — never silently dropped.
//
// The binary parsers run in a worker thread (attachment-worker.mjs): killed on timeout, isolated from the main realm.
// Parsers (measured on this machine, see the README section of the content checks):
//   PDF  unpdf 1.4 (PDF.js serverless build; 1.5+ needs Node 22)   DOCX mammoth (raw text, no rendering)
//   XLSX exceljs (maintained, no open advisories)                   DOC  word-extractor (pure JS OLE reader)
//   XLS  SheetJS xlsx 0.18.5, the only npm BIFF8 reader — used for legacy XLS only, with formulas, HTML and VBA off.
import { Worker } from 'node:worker_threads';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Formats the extractor knows. */
export type AttachmentFormat = 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'txt' | 'unknown';

/** The text of an attachment, or why there is none. */
export type AttachmentText =
  | { status: 'ok'; format: AttachmentFormat; text: string; truncated: boolean; ms: number }
  | { status: 'skipped'; format: AttachmentFormat; reason: string };

export interface ExtractOptions {
  /** Bigger files are skipped. */
  maxBytes: number;
  /** Text beyond this is cut off (and `truncated` set). */
  maxChars: number;
  /** File name or URL, for the format guess when the bytes do not tell. */
  name?: string;
  contentType?: string;
  /** The worker that parses binary formats; without one, a parser is started for this file and closed after. */
  parser?: AttachmentParser;
  /** Parser timeout when no parser is given, ms. */
  timeoutMs?: number;
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Guesses the format from the first bytes, then from the name and content type. */
export function sniffFormat(body: Buffer, name = '', contentType = ''): AttachmentFormat {
  const ext = (name.split(/[?#]/)[0]!.match(/\.([a-z0-9]+)$/i)?.[1] ?? '').toLowerCase();
  if (body.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (body.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    const head = body.subarray(0, Math.min(body.length, 64 * 1024)).toString('latin1');
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    return ext === 'docx' ? 'docx' : ext === 'xlsx' ? 'xlsx' : 'unknown';
  }
  if (body.subarray(0, 8).equals(OLE)) {
    if (ext === 'xls' || /excel/i.test(contentType)) return 'xls';
    if (ext === 'doc' || /msword/i.test(contentType)) return 'doc';
    // Look for the stream names in the directory (UTF-16LE).
    const all = body.toString('latin1');
    if (all.includes('W\0o\0r\0k\0b\0o\0o\0k\0') || all.includes('B\0o\0o\0k\0')) return 'xls';
    if (all.includes('W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0')) return 'doc';
    return 'unknown';
  }
  if (['txt', 'csv'].includes(ext) || /^text\/(plain|csv)/i.test(contentType)) return 'txt';
  return 'unknown';
}

/** Decodes text bytes: UTF-8 (with or without BOM), else what chardet guesses (GB18030 for Chinese legacy files). */
export function decodeText(body: Buffer): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString('utf8');
  const utf8 = body.toString('utf8');
  if (!utf8.includes('\uFFFD')) return utf8;
  const guess = chardet.detect(body) ?? 'GB18030';
  const enc = /^(GB|GBK|GB2312|GB18030|Big5)/i.test(guess) ? (guess.toUpperCase() === 'BIG5' ? 'big5' : 'gb18030') : guess;
  return iconv.encodingExists(enc) ? iconv.decode(body, enc) : utf8;
}

const WORKER_URL = new URL('./attachment-worker.mjs', import.meta.url);
const BINARY_FORMATS = new Set<AttachmentFormat>(['pdf', 'docx', 'xlsx', 'doc', 'xls']);

/**
 * Runs the binary-format parsers in one worker thread, started on first use and reused: a hanging parser is
 * terminated after the timeout (and the worker restarted on the next file); a crafted file cannot touch the
 * main realm. An idle worker does not keep the process alive. Call close() when done.
 */
export class AttachmentParser {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (text: string) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly timeoutMs: number) {}

  private start(): Worker {
    const worker = new Worker(WORKER_URL);
    worker.unref();
    worker.on('message', (m: { id: number; text?: string; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (!this.pending.size) worker.unref();
      clearTimeout(p.timer);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.text ?? '');
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('the parser worker stopped'));
    });
    return worker;
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  /** Text of a PDF, DOCX, XLSX, DOC or XLS body. Rejects with the parser's message, or on timeout. */
  parse(format: AttachmentFormat, body: Buffer): Promise<string> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    const copy = new Uint8Array(body);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`timed out after ${this.timeoutMs} ms (checks.content.attachments.timeoutMs)`));
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
      }, this.timeoutMs);
      // While a file is being parsed the worker keeps the process alive; idle, it does not.
      worker.ref();
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, format, body: copy.buffer }, [copy.buffer]);
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/** Extracts the text of an attachment. Never throws: a failure is a `skipped` result with the reason. */
export async function extractAttachmentText(body: Buffer, options: ExtractOptions): Promise<AttachmentText> {
  const format = sniffFormat(body, options.name, options.contentType);
  // A body of exactly the cap is what a capped download returns for a bigger file: treat it as over the limit.
  if (body.length >= options.maxBytes) {
    return { status: 'skipped', format, reason: `file is ${body.length} bytes or more, over the ${options.maxBytes}-byte limit (checks.content.attachments.maxBytes)` };
  }
  if (format !== 'txt' && !BINARY_FORMATS.has(format)) {
    return { status: 'skipped', format, reason: 'unsupported format (supported: PDF, DOCX, XLSX, DOC, XLS, TXT/CSV)' };
  }
  const started = performance.now();
  const own = format !== 'txt' && !options.parser ? new AttachmentParser(options.timeoutMs ?? 30_000) : undefined;
  try {
    const raw = format === 'txt' ? decodeText(body) : await (options.parser ?? own)!.parse(format, body);
    let text = raw.replace(/\r\n?/g, '\n');
    const truncated = text.length > options.maxChars;
    if (truncated) text = text.slice(0, options.maxChars);
    if (!text.trim()) {
      return { status: 'skipped', format, reason: format === 'pdf' ? 'no text layer (scanned PDF? OCR is not done)' : 'no text in the file' };
    }
    return { status: 'ok', format, text, truncated, ms: performance.now() - started };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { status: 'skipped', format, reason: `cannot parse ${format.toUpperCase()}: ${message.split('\n')[0]!.slice(0, 200)}` };
  } finally {
    await own?.close();
  }
}
