// text stage: the attachment parsers, run in a worker thread by extract-attachment.ts. A crafted file can hang a
// parser or (SheetJS 0.18.5 has a prototype-pollution advisory) tamper with a realm's prototypes: here it can do
// neither to the crawler — the worker is killed on timeout and its realm is not the main one.
// Plain JavaScript so the worker starts without a TypeScript loader.
import { parentPort } from 'node:worker_threads';

async function pdfText(body) {
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

async function docxText(body) {
  const mammoth = (await import('mammoth')).default;
  const { value } = await mammoth.extractRawText({ buffer: body });
  return value;
}

async function xlsxText(body) {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  const lines = [];
  wb.eachSheet((ws) => {
    lines.push(ws.name);
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(String(cell.text ?? '').replace(/[\t\r\n]+/g, ' ')));
      lines.push(cells.join('\t'));
    });
  });
  return lines.join('\n');
}

async function docText(body) {
  const WordExtractor = (await import('word-extractor')).default;
  const doc = await new WordExtractor().extract(body);
  return [doc.getHeaders({ includeFooters: true }), doc.getBody(), doc.getFootnotes(), doc.getEndnotes(), doc.getTextboxes()]
    .filter((s) => s && s.trim())
    .join('\n');
}

async function xlsText(body) {
  const XLSX = await import('xlsx');
  const lib = XLSX.read ? XLSX : XLSX.default;
  const wb = lib.read(body, { type: 'buffer', cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, cellDates: false });
  return wb.SheetNames.map((n) => `${n}\n${lib.utils.sheet_to_csv(wb.Sheets[n], { FS: '\t', RS: '\n', blankrows: false })}`).join('\n');
}

const READERS = { pdf: pdfText, docx: docxText, xlsx: xlsxText, doc: docText, xls: xlsText };

parentPort.on('message', async ({ id, format, body }) => {
  try {
    const reader = READERS[format];
    if (!reader) throw new Error(`no reader for ${format}`);
    const text = await reader(Buffer.from(body));
    parentPort.postMessage({ id, text });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
