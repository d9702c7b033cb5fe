// report stage: the notice as a Word document for the official document workflow (docx package) — title,
// the three parts and the annex tables, A4 with the usual margins. Charts stay in the HTML.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { ANNEX_COLUMNS, type AnnexRow, type ReportModel } from './model.ts';
import { LEVEL_HEADERS, levelRows, localDate, mainProblemParagraphs, overviewParagraphs } from './text.ts';

const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong' };
const HEAD_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
// Half-points: 三号 16 pt for the body, 二号 22 pt for the title; tables in 五号 10.5 pt.
const BODY = 32;
const TABLE = 21;

/** Strips characters XML 1.0 cannot carry (control characters from a crawled page would corrupt the file). */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function body(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text: clean(text), font: BODY_FONT, size: BODY })] });
}

function heading(text: string, pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: HEAD_FONT, size: BODY, bold: true })] });
}

function table(headers: readonly string[], rows: string[][]): Table {
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: clean(c), bold: header, size: TABLE, font: { eastAsia: '宋体', ascii: 'SimSun', hAnsi: 'SimSun' } })] })] }),
      ),
    });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row([...headers], true), ...rows.map((r) => row(r, false))] });
}

const annex = (rows: AnnexRow[]) => rows.map((r) => [String(r.no), r.region, r.name, r.code, r.url, r.result, r.types, r.description]);

/** Renders the notice as .docx bytes. */
export async function renderDocx(m: ReportModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: m.title, font: HEAD_FONT, size: 44, bold: true })] }),
    heading('一、总体情况'),
    ...overviewParagraphs(m).map(body),
    table(LEVEL_HEADERS, levelRows(m)),
    heading('二、主要问题'),
  ];
  const problems = mainProblemParagraphs(m);
  if (!problems.length) children.push(body('本季度抽查未发现问题。'));
  for (const p of problems) {
    children.push(body(`${p.heading}${p.text}`));
    for (const x of p.examples) children.push(body(`${x.siteName}：${x.description}（${x.url}）`));
  }
  children.push(heading('三、整改要求'), ...m.requirements.paragraphs.map(body));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [new TextRun({ text: m.issuer, font: BODY_FONT, size: BODY })] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: localDate(m.generatedAt), font: BODY_FONT, size: BODY })] }));
  children.push(heading('附件1：不合格网站名单', true));
  children.push(m.annex.failedSites.length ? table(ANNEX_COLUMNS, annex(m.annex.failedSites)) : body('无。'));
  children.push(heading('附件2：新媒体名单', true));
  children.push(m.annex.accounts.length ? table(ANNEX_COLUMNS, annex(m.annex.accounts)) : body('无。'));
  const doc = new Document({
    creator: m.issuer,
    title: m.title,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
