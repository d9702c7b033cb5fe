// services stage: reading one 办事指南 page — which of the ten elements it shows with a value. The page (without
// navigation, header and footer) is turned into lines that remember their table row and cell; an element counts
// when one of its labels is followed by a value: in the same table row ("| 办理地点 | 县行政服务中心 |"), in a header
// row's column, under a dt, a heading or a label line ("办理材料：" then the list), or after "标签：" on the line.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { GUIDE_ELEMENTS, type GuideElement } from '../config/schema-services.ts';
import { hasValue, type LabelSet } from './labels.ts';

/** What a guide page shows. */
export interface GuideReading {
  /** The guide's heading on the page (h1/h2), when there is one. */
  heading?: string;
  /** Elements shown with a value, in the indicators' order. */
  present: GuideElement[];
  /** Elements not shown with a value, in the indicators' order. */
  missing: GuideElement[];
  /** Elements whose label is on the page but with no value (a subset of `missing`). */
  emptyLabels: GuideElement[];
  /** Whether any label of any element is on the page: without one the page is not read as a guide at all. */
  labelled: boolean;
  /** The page's HTML loads its content by script (the guide may be drawn after load). */
  scripted: boolean;
  /** `selectors.content` was given and matched nothing. */
  contentMissing?: boolean;
}

/** Page furniture: never part of a guide (a 联系电话 in the footer is the site's, not the item's). */
export const FURNITURE =
  'script, style, noscript, template, header, footer, nav, .nav, #nav, .navbar, .header, #header, .footer, #footer, .foot, #foot, .bottom, #bottom, .copyright, .menu, .breadcrumb, .crumb, .position, .location, aside, .sidebar, .side, .share, .pagination';

/** Content drawn after load (Hanweb dataproxy, ajax, fetch, Vue/React mount points). */
const SCRIPTED = /dataproxy|\$\.(?:ajax|get|post|getJSON)\s*\(|XMLHttpRequest|\bfetch\s*\(|jsonp|axios\.|new Vue\(|createApp\(|ReactDOM/i;

/** Headings that name the page type, not the item. */
const GENERIC_HEADING = /^(?:办事指南|服务指南|办事服务|指南详情|事项详情|详细信息|基本信息|详情)$/;

const BLOCK = new Set([
  'address', 'article', 'blockquote', 'br', 'caption', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'form', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'hr', 'legend', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const HEADING = /^h[1-6]$/;

/** One line of the page's text with where it stands. */
interface Line {
  text: string;
  /** Every character came from link text (a tab bar, a menu): such a line is never a label. */
  linkOnly: boolean;
  /** Innermost block: heading, dt, or other. */
  kind: 'heading' | 'dt' | 'other';
  /** Innermost table row and cell, with the cell's index in its row and the row's cell count. */
  row?: Element;
  cell?: Element;
  cellIndex?: number;
  rowCells?: number;
  /** First line of its cell. */
  cellStart?: boolean;
}

const clean = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

function cellsOf(row: Element): Element[] {
  return row.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
}

/** The lines of an element's text, split at block elements. */
function linesOf(root: AnyNode): Line[] {
  const lines: Line[] = [];
  let buf = '';
  let linkChars = 0;
  let ctx: Pick<Line, 'kind' | 'row' | 'cell'> = { kind: 'other' };
  const flush = () => {
    const text = clean(buf);
    if (text) {
      const line: Line = { text, linkOnly: linkChars >= text.replace(/\s/g, '').length, kind: ctx.kind };
      if (ctx.row && ctx.cell) {
        const cells = cellsOf(ctx.row);
        Object.assign(line, { row: ctx.row, cell: ctx.cell, cellIndex: cells.indexOf(ctx.cell), rowCells: cells.length });
        const prev = lines[lines.length - 1];
        line.cellStart = !prev || prev.cell !== ctx.cell;
      }
      lines.push(line);
    }
    buf = '';
    linkChars = 0;
  };
  const walk = (node: AnyNode, inLink: boolean, c: Pick<Line, 'kind' | 'row' | 'cell'>) => {
    if (node.type === 'text') {
      ctx = c;
      const t = (node as unknown as { data: string }).data;
      buf += t;
      if (inLink) linkChars += t.replace(/[\s\u00a0\u3000]/g, '').length;
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const el = node as Element;
    const name = node.type === 'tag' ? el.name : '';
    const block = BLOCK.has(name);
    let next = c;
    if (block) {
      flush();
      if (HEADING.test(name)) next = { ...c, kind: 'heading' };
      else if (name === 'dt') next = { ...c, kind: 'dt' };
      else if (name === 'tr') next = { kind: 'other', row: el };
      else if (name === 'td' || name === 'th') next = { kind: 'other', row: c.row, cell: el };
      else if (name === 'table') next = { kind: 'other' };
      else next = { ...c, kind: 'other' };
      ctx = next;
    }
    for (const child of el.children ?? []) walk(child, inLink || name === 'a', next);
    if (block) {
      flush();
      ctx = c;
    }
  };
  walk(root, false, { kind: 'other' });
  flush();
  return lines;
}

/** Whether a line closes the value of the label before it (another field starts). */
function endsValue(line: Line, labels: LabelSet): boolean {
  if (line.kind === 'heading' || line.kind === 'dt') return true;
  if (!line.linkOnly && labels.hits(line.text).some((h) => h.start <= 8)) return true;
  // A field this reader does not know: a short line that is only "某某：".
  return line.text.length <= 12 && /[:：]$/.test(line.text);
}

/** Values of header-row tables: a row of labels, the values in the same columns of the next row. */
function headerRowValues($: CheerioAPI, root: AnyNode, labels: LabelSet, put: (el: GuideElement, value: string) => void): void {
  $(root)
    .find('tr')
    .each((_, tr) => {
      const cells = cellsOf(tr);
      if (cells.length < 2) return;
      const heads = cells.map((c) => labels.wholeLabel(clean($(c).text())));
      if (heads.filter(Boolean).length < 2 || heads.some((h, i) => !h && clean($(cells[i]!).text()))) return;
      let next = tr.nextSibling;
      while (next && next.type !== 'tag') next = next.nextSibling;
      if (!next || (next as Element).name !== 'tr') return;
      const values = cellsOf(next as Element);
      if (values.length !== cells.length) return;
      heads.forEach((h, i) => h && put(h, clean($(values[i]!).text())));
    });
}

/**
 * Reads a guide page. `labels` are the element labels in use; `contentSelector` names the guide's element.
 * Pure: no fetching here.
 */
export function readGuidePage(html: string, labels: LabelSet, contentSelector?: string): GuideReading {
  const scripted = SCRIPTED.test(html);
  const $ = load(html);
  $(FURNITURE).remove();
  const root = contentSelector ? $(contentSelector).get(0) : ($('body').get(0) ?? $.root().get(0));
  if (!root) {
    return { present: [], missing: [...GUIDE_ELEMENTS], emptyLabels: [], labelled: false, scripted, contentMissing: true };
  }
  const values = new Map<GuideElement, boolean>();
  const put = (el: GuideElement, value: string) => values.set(el, (values.get(el) ?? false) || hasValue(value));

  const lines = linesOf(root);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.linkOnly) continue;
    const hits = labels.hits(line.text);
    hits.forEach((h, k) => {
      const own = line.text.slice(h.valueStart, hits[k + 1]?.start ?? line.text.length);
      if (hasValue(own) || k < hits.length - 1) return put(h.element, own);
      // The label stands alone: its value follows — in the same table row, the next row, or the next lines.
      const value: string[] = [];
      if (line.cell && line.cellStart && labels.wholeLabel(line.text) && line.rowCells! >= 2) {
        // "| 办理地点 | 县行政服务中心 |": the later cells of the row, up to the next label cell.
        for (let j = i + 1; j < lines.length && lines[j]!.row === line.row; j++) {
          const l = lines[j]!;
          if (l.cellStart && labels.wholeLabel(l.text)) break;
          value.push(l.text);
        }
      } else if (line.cell && line.cellStart && labels.wholeLabel(line.text) && line.rowCells === 1) {
        // A label row of one (spanning) cell: the value is the next row.
        const nextRow = lines[i + 1]?.row;
        for (let j = i + 1; j < lines.length && nextRow && lines[j]!.row === nextRow && lines[j]!.row !== line.row; j++) {
          if (lines[j]!.cellStart && labels.wholeLabel(lines[j]!.text)) break;
          value.push(lines[j]!.text);
        }
      } else if (labels.wholeLabel(line.text)) {
        // A heading, dt or label line ("办理材料：") with the value under it.
        for (let j = i + 1; j < lines.length && j <= i + 40; j++) {
          const l = lines[j]!;
          if (endsValue(l, labels) || (line.row && l.row && l.row !== line.row && l.cellStart && labels.wholeLabel(l.text))) break;
          value.push(l.text);
        }
      }
      put(h.element, value.join(' '));
    });
  }
  headerRowValues($, root, labels, put);

  // 事项名称 is also shown by the guide's heading naming the item.
  const heading = $(root)
    .find('h1, h2')
    .toArray()
    .map((h) => clean($(h).text()))
    .find((t) => t.length >= 2 && !GENERIC_HEADING.test(t) && !labels.wholeLabel(t));
  const labelled = values.size > 0;
  if (heading) put('事项名称', heading);

  const present = GUIDE_ELEMENTS.filter((el) => values.get(el) === true);
  return {
    ...(heading ? { heading } : {}),
    present,
    missing: GUIDE_ELEMENTS.filter((el) => values.get(el) !== true),
    emptyLabels: GUIDE_ELEMENTS.filter((el) => values.get(el) === false),
    labelled,
    scripted,
  };
}
