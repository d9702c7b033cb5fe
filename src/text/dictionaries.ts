// text stage: loading of the plain-text dictionaries (typo pairs, protected terms, sensitive terms, allow-lists,
// the segmenter's user dictionary, look-alike characters). Format: see dictionaries/README.md.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/index.ts';
import type { Severity } from '../checks/check.ts';

/** The dictionaries folder shipped with the project. */
export const DEFAULT_DICTIONARY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dictionaries');

const SEVERITIES = new Set<Severity>(['veto', 'error', 'warning', 'info']);

/** Where an entry came from, for messages: `typo-pairs.txt:12`. */
export type Source = string;

export interface TypoPair {
  wrong: string;
  right: string;
  category: string;
  severity: Severity;
  source: Source;
}

export interface ProtectedTerm {
  term: string;
  category: string;
  source: Source;
}

export interface SensitiveTerm {
  term: string;
  category: string;
  severity: Severity;
  source: Source;
}

export interface UserWord {
  word: string;
  freq: number;
  tag?: string;
}

/** Everything the content checks look words up in. Built once per process (see content-service.ts). */
export interface ContentDictionaries {
  typoPairs: TypoPair[];
  protectedTerms: ProtectedTerm[];
  sensitiveTerms: SensitiveTerm[];
  /** Global allow-list phrases. */
  allow: string[];
  /** Site id → allow-list phrases. */
  allowBySite: Record<string, string[]>;
  userWords: UserWord[];
  /** Character → its look-alikes. */
  confusables: Map<string, Set<string>>;
}

/** One meaningful line of a dictionary file: its fields and where it is. */
export interface DictionaryLine {
  fields: string[];
  line: number;
  file: string;
}

/** Splits dictionary text into entries: one a line, fields separated by whitespace, `#` starts a comment. */
export function parseDictionaryText(text: string, file: string): DictionaryLine[] {
  const out: DictionaryLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const body = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (!body) return;
    out.push({ fields: body.split(/[\t ]+/), line: i + 1, file });
  });
  return out;
}

function readLines(path: string): DictionaryLine[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read dictionary ${path}: ${(cause as Error).message}`, [], { cause });
  }
  return parseDictionaryText(text, path);
}

function where(l: DictionaryLine): string {
  return `${l.file}:${l.line}`;
}

function severityOf(l: DictionaryLine, value: string | undefined, fallback: Severity, problems: string[]): Severity {
  if (value === undefined) return fallback;
  if (SEVERITIES.has(value as Severity)) return value as Severity;
  problems.push(`${where(l)}: expected a severity (veto, error, warning, info), got "${value}"`);
  return fallback;
}

const TYPO_SEVERITY: Record<string, Severity> = { 政治术语: 'veto', 地名: 'error', 常见错别字: 'warning', 成语: 'warning' };

/** Parses typo-pair lines: `wrong right [category] [severity]`. */
export function parseTypoPairs(lines: DictionaryLine[], problems: string[]): TypoPair[] {
  const out: TypoPair[] = [];
  for (const l of lines) {
    const [wrong, right, category = '常见错别字', sev] = l.fields;
    if (!wrong || !right) {
      problems.push(`${where(l)}: expected "wrong right [category] [severity]", got "${l.fields.join(' ')}"`);
      continue;
    }
    if (wrong === right) {
      problems.push(`${where(l)}: wrong and right forms are the same ("${wrong}")`);
      continue;
    }
    out.push({ wrong, right, category, severity: severityOf(l, sev, TYPO_SEVERITY[category] ?? 'warning', problems), source: where(l) });
  }
  return out;
}

const SENSITIVE_SEVERITY: Record<string, Severity> = { 博彩: 'veto', 色情: 'veto', 违法广告: 'error', 低俗侮辱: 'error' };

function parseSensitive(lines: DictionaryLine[], problems: string[]): SensitiveTerm[] {
  return lines.flatMap((l) => {
    const [term, category, sev] = l.fields;
    if (!term || !category) {
      problems.push(`${where(l)}: expected "term category [severity]", got "${l.fields.join(' ')}"`);
      return [];
    }
    return [{ term, category, severity: severityOf(l, sev, SENSITIVE_SEVERITY[category] ?? 'error', problems), source: where(l) }];
  });
}

function parseProtected(lines: DictionaryLine[]): ProtectedTerm[] {
  return lines.map((l) => ({ term: l.fields[0]!, category: l.fields[1] ?? '重要表述', source: where(l) }));
}

function parseUserWords(lines: DictionaryLine[], problems: string[]): UserWord[] {
  return lines.flatMap((l) => {
    const [word, freqText, tag] = l.fields;
    let freq = 2000;
    let t = tag;
    if (freqText !== undefined) {
      if (/^\d+$/.test(freqText)) freq = Number(freqText);
      else if (tag === undefined) t = freqText; // `word tag`: frequency left out
      else {
        problems.push(`${where(l)}: expected "word frequency [tag]" with a whole-number frequency, got "${freqText}"`);
        return [];
      }
    }
    return [{ word: word!, freq, ...(t ? { tag: t } : {}) }];
  });
}

function parseConfusables(lines: DictionaryLine[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const l of lines) {
    const chars = [...l.fields.join('')];
    for (const c of chars) {
      const set = map.get(c) ?? new Set<string>();
      for (const d of chars) if (d !== c) set.add(d);
      map.set(c, set);
    }
  }
  return map;
}

/** What to load: the shipped folder plus extra files and inline entries from the config. */
export interface DictionaryOptions {
  /** Folder holding typo-pairs.txt, protected-terms.txt …; default: the project's dictionaries/. */
  dir?: string;
  /** Folder extra relative paths resolve against (the config file's folder). */
  baseDir?: string;
  typoPairs?: string[];
  protectedTerms?: string[];
  sensitiveTerms?: string[];
  allow?: string[];
  userDict?: string[];
  /** Inline protected terms (local leaders, institutions). */
  inlineProtected?: string[];
  inlineAllow?: string[];
  allowBySite?: Record<string, string[]>;
}

/** Loads every dictionary. Throws ConfigError naming each bad line (file:line, expected, got). */
export function loadDictionaries(options: DictionaryOptions = {}): ContentDictionaries {
  const base = options.baseDir ?? process.cwd();
  const dir = options.dir ? (isAbsolute(options.dir) ? options.dir : resolve(base, options.dir)) : DEFAULT_DICTIONARY_DIR;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const shipped = (name: string) => {
    const p = join(dir, name);
    return existsSync(p) ? readLines(p) : [];
  };
  const extra = (paths: string[] | undefined) => (paths ?? []).flatMap((p) => readLines(abs(p)));
  const problems: string[] = [];

  const typoPairs = parseTypoPairs([...shipped('typo-pairs.txt'), ...extra(options.typoPairs)], problems);
  const protectedTerms = [
    ...parseProtected([...shipped('protected-terms.txt'), ...extra(options.protectedTerms)]),
    ...(options.inlineProtected ?? []).map((term) => ({ term, category: '地方', source: 'config' })),
  ];
  const sensitiveTerms = parseSensitive([...shipped('sensitive-terms.txt'), ...extra(options.sensitiveTerms)], problems);
  const allow = [...[...shipped('allow.txt'), ...extra(options.allow)].map((l) => l.fields.join(' ')), ...(options.inlineAllow ?? [])];
  const userWords = parseUserWords([...shipped('user-dict.txt'), ...extra(options.userDict)], problems);
  const confusables = parseConfusables(shipped('confusable-chars.txt'));
  if (problems.length) throw new ConfigError('dictionary files have errors', problems);

  return { typoPairs, protectedTerms, sensitiveTerms, allow, allowBySite: options.allowBySite ?? {}, userWords, confusables };
}
