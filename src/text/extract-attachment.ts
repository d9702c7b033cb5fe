// text stage: text of attachments (PDF, DOCX, XLSX, DOC, XLS, plain text) for the content checks. A file that
// cannot be read comes back as `skipped` with the reason — never silently dropped.
//
// Parsers (measured on this machine, see the README section of the content checks):
//   PDF  unpdf 1.4 (PDF.js serverless build; 1.5+ needs Node 22)   DOCX mammoth (raw text, no rendering)
//   XLSX exceljs (maintained, no open advisories)                   DOC  word-extractor (pure JS OLE reader)
//   XLS  SheetJS xlsx 0.18.5, the only npm BIFF8 reader — used for legacy XLS only, with formulas, HTML and VBA off.
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

async function pdfText(body: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(body), { verbosity: 0 });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    // PDF.js joins text items with spaces; between two Chinese characters a space is layout, not text.
    return text.join('\n').replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '');
  } finally {
    await pdf.destroy();
  }
}

async function docxText(body: Buffer): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  const { value } = await mammoth.extractRawText({ buffer: body });
  return value;
}

async function xlsxText(body: Buffer): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const lines: string[] = [];
  wb.eachSheet((ws) => {
    lines.push(ws.name);
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(String(cell.text ?? '').replace(/[\t\r\n]+/g, ' ')));
      lines.push(cells.join('\t'));
    });
  });
  return lines.join('\n');
}

async function docText(body: Buffer): Promise<string> {
  const WordExtractor = (await import('word-extractor')).default;
  const doc = await new WordExtractor().extract(body);
  return [doc.getHeaders({ includeFooters: true }), doc.getBody(), doc.getFootnotes(), doc.getEndnotes(), doc.getTextboxes()]
    .filter((s) => s && s.trim())
    .join('\n');
}

async function xlsText(body: Buffer): Promise<string> {
  const XLSX = await import('xlsx');
  const read = (XLSX.read ?? (XLSX as unknown as { default: typeof XLSX }).default.read) as typeof XLSX.read;
  const utils = (XLSX.utils ?? (XLSX as unknown as { default: typeof XLSX }).default.utils) as typeof XLSX.utils;
  const wb = read(body, { type: 'buffer', cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, cellDates: false });
  return wb.SheetNames.map((n) => `${n}\n${utils.sheet_to_csv(wb.Sheets[n]!, { FS: '\t', RS: '\n', blankrows: false })}`).join('\n');
}

const READERS: Partial<Record<AttachmentFormat, (body: Buffer) => Promise<string>>> = {
  pdf: pdfText,
  docx: docxText,
  xlsx: xlsxText,
  doc: docText,
  xls: xlsText,
  txt: async (body) => decodeText(body),
};

/** Extracts the text of an attachment. Never throws: a failure is a `skipped` result with the reason. */
export async function extractAttachmentText(body: Buffer, options: ExtractOptions): Promise<AttachmentText> {
  const format = sniffFormat(body, options.name, options.contentType);
  // A body of exactly the cap is what a capped download returns for a bigger file: treat it as over the limit.
  if (body.length >= options.maxBytes) {
    return { status: 'skipped', format, reason: `file is ${body.length} bytes or more, over the ${options.maxBytes}-byte limit (checks.content.attachments.maxBytes)` };
  }
  const reader = READERS[format];
  if (!reader) return { status: 'skipped', format, reason: 'unsupported format (supported: PDF, DOCX, XLSX, DOC, XLS, TXT/CSV)' };
  const started = performance.now();
  try {
    let text = (await reader(body)).replace(/\r\n?/g, '\n');
    const truncated = text.length > options.maxChars;
    if (truncated) text = text.slice(0, options.maxChars);
    if (!text.trim()) {
      return { status: 'skipped', format, reason: format === 'pdf' ? 'no text layer (scanned PDF? OCR is not done)' : 'no text in the file' };
    }
    return { status: 'ok', format, text, truncated, ms: performance.now() - started };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { status: 'skipped', format, reason: `cannot parse ${format.toUpperCase()}: ${message.split('\n')[0]!.slice(0, 200)}` };
  }
}
