// config stage: read the YAML registry, expand ${VARS}, validate strictly, and report problems with line numbers.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, isScalar, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { configSchema, type AppConfig } from './schema.ts';

export interface LoadOptions {
  /** Values for `${NAME}` placeholders; defaults to the environment. */
  vars?: Record<string, string | undefined>;
  /** Command-line override of the data folder (highest precedence). */
  dataDir?: string;
}

/** A loaded configuration plus where it came from (relative paths in it resolve against its folder). */
export interface LoadedConfig extends AppConfig {
  /** Absolute path of the file, or `<inline>`. */
  source: string;
}

/** Reads and validates a config file. Throws ConfigError naming every problem. */
export function loadConfig(file: string, options: LoadOptions = {}): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read config file ${file}: ${(cause as Error).message}`, [], { cause });
  }
  return parseConfig(text, resolve(file), options);
}

/** Validates config text. `source` names it in messages and anchors relative paths. */
export function parseConfig(text: string, source: string, options: LoadOptions = {}): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const problems = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return `${pos ? `line ${pos.line}, column ${pos.col}: ` : ''}${e.message.split('\n')[0]}`;
    });
    throw new ConfigError(`${source} is not valid YAML`, problems);
  }
  const vars = options.vars ?? process.env;
  const missing = new Set<string>();
  const raw = expandVars(doc.toJS() ?? {}, vars, missing);
  if (missing.size) {
    throw new ConfigError(`${source} uses variables that are not set`, [...missing].map((n) => `\${${n}} is not set in the environment`));
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`${source} is not a valid govhealth config`, describeIssues(parsed.error.issues, doc, lineCounter));
  }
  const config = parsed.data;
  const crossProblems = crossCheck(config);
  if (crossProblems.length) throw new ConfigError(`${source} is not a valid govhealth config`, crossProblems);

  const envDataDir = vars.GOVHEALTH_DATA_DIR;
  const dataDir = options.dataDir ?? envDataDir ?? config.dataDir;
  const base = source.startsWith('<') ? process.cwd() : dirname(source);
  // A data dir given on the command line or in the environment is relative to the working directory.
  const dataDirAbs = options.dataDir || envDataDir ? resolve(dataDir) : resolve(base, dataDir);
  return { ...config, dataDir: dataDirAbs, source };
}

/** Replaces `${NAME}` in every string value. */
function expandVars(value: unknown, vars: Record<string, string | undefined>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, name: string) => {
      const v = vars[name];
      if (v === undefined) {
        missing.add(name);
        return '';
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v) => expandVars(v, vars, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandVars(v, vars, missing)]));
  }
  return value;
}

function describeIssues(issues: z.core.$ZodIssue[], doc: Document, lines: LineCounter): string[] {
  return issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    let at = lineOf(doc, lines, issue.path as (string | number)[]);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys;
      message = `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
      at = lineOf(doc, lines, [...(issue.path as (string | number)[]), keys[0]!]) ?? at;
      const full = keys.map((k) => (path ? `${path}.${k}` : k)).join(', ');
      return `${full}${at ? ` (line ${at})` : ''}: ${message}`;
    }
    const got = valueAt(doc, issue.path as (string | number)[]);
    const gotText = got === undefined ? 'nothing' : JSON.stringify(got);
    return `${path || '(top level)'}${at ? ` (line ${at})` : ''}: ${message}, got ${gotText.length > 60 ? gotText.slice(0, 57) + '...' : gotText}`;
  });
}

function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    const key = n > 0 ? findKeyNode(doc, path.slice(0, n)) : undefined;
    const offset = key?.range?.[0] ?? node?.range?.[0];
    if (offset !== undefined) return lines.linePos(offset).line;
  }
  return undefined;
}

function findKeyNode(doc: Document, path: (string | number)[]): { range?: [number, number, number] } | undefined {
  const parent = doc.getIn(path.slice(0, -1), true) as { items?: { key?: unknown }[] } | undefined;
  const last = path[path.length - 1];
  const pair = parent?.items?.find((item) => isScalar(item.key) && item.key.value === last);
  return pair?.key as { range?: [number, number, number] } | undefined;
}

function valueAt(doc: Document, path: (string | number)[]): unknown {
  const v = doc.getIn(path, false);
  return v && typeof v === 'object' && 'toJSON' in v ? (v as { toJSON(): unknown }).toJSON() : v;
}

/** Rules zod cannot express: unique ids, references to editors, overlapping hosts. */
function crossCheck(config: AppConfig): string[] {
  const problems: string[] = [];
  const editorIds = new Set(config.editors.map((e) => e.id));
  const seenSites = new Map<string, number>();
  const hostOwner = new Map<string, string>();
  config.sites.forEach((site, i) => {
    const prev = seenSites.get(site.id);
    if (prev !== undefined) problems.push(`sites[${i}].id: "${site.id}" is already used by sites[${prev}]`);
    seenSites.set(site.id, i);
    const hosts = [new URL(site.homepage).hostname, ...site.hosts];
    for (const h of hosts) {
      const owner = hostOwner.get(h.toLowerCase());
      if (owner && owner !== site.id) problems.push(`sites[${i}].hosts: host "${h}" also belongs to site "${owner}"`);
      hostOwner.set(h.toLowerCase(), site.id);
    }
    const refs: [string, string | undefined][] = [[`sites[${i}].owner`, site.owner]];
    const columnIds = new Set<string>();
    site.columns.forEach((c, j) => {
      refs.push([`sites[${i}].columns[${j}].editor`, c.editor]);
      const id = c.id ?? c.name;
      if (columnIds.has(id)) problems.push(`sites[${i}].columns[${j}]: column id "${id}" is used twice in site "${site.id}"`);
      columnIds.add(id);
    });
    site.accounts.forEach((a, j) => refs.push([`sites[${i}].accounts[${j}].editor`, a.editor]));
    for (const [path, ref] of refs) {
      if (ref !== undefined && !editorIds.has(ref)) problems.push(`${path}: editor "${ref}" is not listed under editors`);
    }
  });
  return problems;
}
