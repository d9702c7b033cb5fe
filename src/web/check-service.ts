// web stage: the pre-publication check behind the page and the API — the crawler's content engine
// (`runCheckText` of the CLI), with positions as offsets into the title or the text so they can be highlighted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Certainty, Severity } from '../checks/check.ts';
import { runCheckText } from '../cli/check-text.ts';
import type { WebContext } from './context.ts';
import { HttpError } from './errors.ts';

/** One problem in a draft. `start`/`end` are offsets (UTF-16) into `field` when the draft was plain text. */
export interface DraftFinding {
  check: string;
  checkTitle: string;
  severity: Severity;
  certainty: Certainty;
  field: 'title' | 'text' | 'document';
  line: number;
  column: number;
  start?: number;
  end?: number;
  text: string;
  message: string;
  suggestion?: string;
}

export interface DraftResult {
  /** What was checked: `txt`, `html`, `docx`, `pdf` … */
  format: string;
  characters: number;
  /** A veto- or error-level problem was found. */
  serious: boolean;
  findings: DraftFinding[];
}

export interface Draft {
  title?: string;
  text?: string;
  file?: { name: string; data: Buffer };
}

function lineStarts(s: string): number[] {
  const starts = [0];
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Normalises a pasted text the way the engine does (line breaks), so offsets match what the user sees. */
export function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** Runs the content checks over a draft (a title and text, or a document). Throws HttpError for bad input. */
export async function checkDraft(ctx: WebContext, draft: Draft): Promise<DraftResult> {
  const service = await ctx.contentService();
  const max = ctx.settings.maxTextChars;
  if (draft.file) {
    const ext = /\.([a-z0-9]{1,5})$/i.exec(draft.file.name)?.[1]?.toLowerCase();
    const dir = await mkdtemp(join(tmpdir(), 'govhealth-draft-'));
    try {
      const path = join(dir, ext ? `draft.${ext}` : 'draft');
      await writeFile(path, draft.file.data);
      const r = await runCheckText({ input: path, format: 'json', service });
      const parsed = JSON.parse(r.output) as { outcome?: string; reason?: string; characters?: number };
      if (parsed.outcome === 'skipped') throw new HttpError(422, 'unreadable_document', `无法读取文档：${parsed.reason ?? '格式不支持'}`);
      if ((parsed.characters ?? 0) > max) throw new HttpError(413, 'text_too_long', `文档文字超过 ${max} 字`);
      return {
        format: r.format,
        characters: parsed.characters ?? 0,
        serious: r.exitCode === 2,
        findings: r.findings.map((f) => ({
          check: f.check,
          checkTitle: ctx.checkTitle(f.check),
          severity: f.severity,
          certainty: f.certainty,
          field: 'document',
          line: f.line,
          column: f.column,
          text: f.text,
          message: f.message,
          ...(f.suggestion ? { suggestion: f.suggestion } : {}),
        })),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const title = (draft.title ?? '').replace(/\s+/g, ' ').trim();
  const text = normaliseText(draft.text ?? '');
  if (!title && !text.trim()) throw new HttpError(400, 'empty_text', '请提供要检查的文字（text）或上传文档');
  if (title.length + text.length > max) throw new HttpError(413, 'text_too_long', `文字超过 ${max} 字`);
  const prefix = title ? title.length + 2 : 0;
  const combined = title ? `${title}\n\n${text}` : text;
  const r = await runCheckText({ input: '-', format: 'json', service, stdin: Readable.from([Buffer.from(combined, 'utf8')]) });
  const plain = r.format === 'txt';
  const starts = lineStarts(combined);
  return {
    format: r.format,
    characters: title.length + text.length,
    serious: r.exitCode === 2,
    findings: r.findings.map((f) => {
      const offset = (starts[f.line - 1] ?? 0) + f.column - 1;
      const inTitle = plain && title !== '' && offset < title.length;
      const start = inTitle ? offset : offset - prefix;
      const line = inTitle || !title ? f.line : f.line - 2;
      return {
        check: f.check,
        checkTitle: ctx.checkTitle(f.check),
        severity: f.severity,
        certainty: f.certainty,
        field: inTitle ? 'title' : 'text',
        line,
        column: f.column,
        ...(plain ? { start, end: start + f.text.length } : {}),
        text: f.text,
        message: f.message,
        ...(f.suggestion ? { suggestion: f.suggestion } : {}),
      } satisfies DraftFinding;
    }),
  };
}
