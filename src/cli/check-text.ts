// cli stage: `govhealth check-text [file|-]` — the pre-publication check: runs the content checks over a draft
// (plain text, HTML, DOCX, PDF, DOC, XLS(X)) and prints each problem with line, column and suggestion.
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { CHECKS } from '../checks/index.ts';
import { scanText, type ContentCheck } from '../checks/content-check.ts';
import type { Severity, Certainty } from '../checks/check.ts';
import { loadConfig } from '../config/index.ts';
import { contentSettingsSchema, type ContentSettings } from '../config/schema-content.ts';
import { ConfigError } from '../errors/index.ts';
import { createContentService, type ContentService } from '../text/content-service.ts';
import { decodeText, extractAttachmentText, sniffFormat } from '../text/extract-attachment.ts';
import { extractHtmlText } from '../text/extract-html.ts';
import { maskText } from '../text/mask.ts';
import { EXIT, type CliIO } from './context.ts';
import { table } from './format.ts';

/** One problem in the draft. Line and column are 1-based, in characters of the checked text. */
export interface CheckTextFinding {
  check: string;
  severity: Severity;
  certainty: Certainty;
  line: number;
  column: number;
  /** The matched text (masked). */
  text: string;
  message: string;
  suggestion?: string;
  evidence: Record<string, unknown>;
}

export interface CheckTextOptions {
  /** A file path, or `-` for standard input. */
  input: string;
  format?: 'table' | 'json';
  /** A govhealth config file (its checks.content settings are used), or the settings themselves. */
  config?: string | ContentSettings;
  /** Standard input, for `-` (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** A prebuilt content service (tests, the HTTP API): skips loading jieba and the dictionaries again. */
  service?: ContentService;
}

export interface CheckTextResult {
  findings: CheckTextFinding[];
  /** 0 nothing serious, 2 a veto- or error-level problem, 1 the draft could not be read. */
  exitCode: number;
  output: string;
  /** What was checked: `txt`, `html`, `pdf`, `docx` … */
  format: string;
}

/** The content checks of the registry. */
export function contentChecks(): ContentCheck[] {
  return CHECKS.filter((c): c is ContentCheck => c.group === 'content' && typeof (c as ContentCheck).scan === 'function');
}

async function readInput(input: string, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  if (input !== '-') {
    try {
      return await readFile(input);
    } catch (cause) {
      throw new ConfigError(`cannot read ${input}: ${(cause as Error).message}`, [], { cause });
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

function settingsFrom(config: CheckTextOptions['config']): { settings: ContentSettings; source?: string } {
  if (!config) return { settings: contentSettingsSchema.parse({}) };
  if (typeof config !== 'string') return { settings: config };
  const loaded = loadConfig(config);
  return { settings: loaded.checks.content, source: loaded.source };
}

function looksLikeHtml(name: string, text: string): boolean {
  return /\.(html?|shtml|xhtml)$/i.test(name) || /^\s*(<!doctype html|<html|<head|<body)/i.test(text.slice(0, 500));
}

/** Line and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: offset - lastBreak };
}

const SEVERITY_WORDS: Record<Severity, string> = { veto: '否决', error: '错误', warning: '警告', info: '提示' };

/** Runs the content checks over a draft. Never calls process.exit. */
export async function runCheckText(options: CheckTextOptions): Promise<CheckTextResult> {
  const format = options.format ?? 'table';
  const body = await readInput(options.input, options.stdin ?? process.stdin);
  const { settings, source } = options.service ? { settings: options.service.settings, source: undefined } : settingsFrom(options.config);
  const svc = options.service ?? createContentService(settings, { configSource: source });
  const name = options.input === '-' ? '' : options.input;

  let kind = sniffFormat(body, name);
  let text: string;
  if (kind === 'unknown' || kind === 'txt') {
    text = decodeText(body);
    kind = 'txt';
    if (looksLikeHtml(name, text)) {
      text = extractHtmlText(text).map((r) => r.text).join('\n');
      (kind as string) = 'html';
    }
  } else {
    const extracted = await extractAttachmentText(body, { maxBytes: settings.attachments.maxBytes, maxChars: settings.attachments.maxChars, name, parser: svc.parser });
    if (extracted.status === 'skipped') {
      const output =
        format === 'json'
          ? JSON.stringify({ input: name || '-', format: kind, outcome: 'skipped', reason: extracted.reason, findings: [] }, null, 2) + '\n'
          : `无法检查 ${name || '标准输入'}：${extracted.reason}\n`;
      return { findings: [], exitCode: EXIT.unexpected, output, format: kind };
    }
    text = extracted.text;
  }
  text = text.replace(/\r\n?/g, '\n');

  const findings: CheckTextFinding[] = [];
  for (const check of contentChecks()) {
    for (const hit of scanText(check, text, svc)) {
      const { line, column } = lineColumn(text, hit.start);
      findings.push({
        check: check.id,
        severity: hit.severity,
        certainty: hit.certainty ?? 'certain',
        line,
        column,
        text: maskText(text.slice(hit.start, hit.end)),
        message: hit.message,
        ...(hit.suggestion ? { suggestion: hit.suggestion } : {}),
        evidence: hit.evidence,
      });
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.check.localeCompare(b.check));
  const serious = findings.some((f) => f.severity === 'veto' || f.severity === 'error');
  const exitCode = serious ? EXIT.findings : EXIT.ok;

  let output: string;
  if (format === 'json') {
    output = JSON.stringify({ input: name || '-', format: kind, characters: text.length, findings }, null, 2) + '\n';
  } else if (!findings.length) {
    output = `未发现问题（${text.length} 字）。\n`;
  } else {
    const rows = findings.map((f) => [
      `${f.line}:${f.column}`,
      SEVERITY_WORDS[f.severity] + (f.certainty === 'suspected' ? '?' : ''),
      f.check,
      f.text,
      f.suggestion ?? '',
      f.message,
    ]);
    const counts = (['veto', 'error', 'warning', 'info'] as Severity[])
      .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${SEVERITY_WORDS[s]} ${n}`)
      .join('，');
    output = table(['行:列', '级别', '检查', '原文', '建议', '说明'], rows, [8, 6, 18, 20, 24, 60]) + `\n共 ${findings.length} 处问题（${counts}）。\n`;
  }
  return { findings, exitCode, output, format: kind };
}

/** Adds `check-text` to the program. `io` and `setExit` follow the other commands; both optional. */
export function registerCheckText(program: Command, io?: CliIO, setExit?: (code: number) => void): void {
  program
    .command('check-text')
    .description('检查稿件（纯文本、HTML、DOCX、PDF、DOC、XLS/XLSX）中的错别字、严重表述错误、敏感词、涉密标识和个人信息，逐条给出行号、列号和建议')
    .argument('[file]', 'the draft; - or nothing reads standard input', '-')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-c, --config <file>', 'govhealth config (checks.content settings: extra dictionaries, allow-lists, local protected terms)')
    .addHelpText('after', '\nLines and columns count characters of the checked text: of the file itself for plain text, of the extracted text for HTML, DOCX, PDF, DOC and XLS(X).\nExit codes: 0 nothing serious, 2 a veto- or error-level problem found, 1 the draft could not be read, 3 bad arguments.')
    .action(async (file: string, opts: { format: 'table' | 'json'; config?: string }) => {
      const result = await runCheckText({ input: file, format: opts.format, config: opts.config });
      (io?.stdout ?? process.stdout).write(result.output);
      if (setExit) setExit(result.exitCode);
      else process.exitCode = result.exitCode;
    });
}
