// bench: `npm run bench` — serves a generated site from its own process, then measures, each in its own child
// process: the server's capacity, govhealth crawl (all checks; links only), linkinator, browser mode over 500
// pages, and the text checks alone. Prints the figures and writes them as JSON under reports/bench/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { benchConfigYaml, type CrawlKind } from './config.ts';
import { formatFigures, ratios, RUN_IDS, rssAtMarks, runFigures, targetChecks, type BenchFigures, type RunFigures, type RunId } from './figures.ts';
import { loadAverage, measureNode, type Measured } from './measure.ts';
import { BenchSite } from './site.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NOW = '2026-11-20T08:00:00+08:00';

export interface BenchOptions {
  pages: number;
  seed: number;
  only: RunId[];
  /** Folder of the JSON figures (and CPU profiles). */
  out: string;
  /** Size of the text corpus, MB of UTF-8. */
  textMb: number;
  /** Parallel page fetches of the crawls. */
  concurrency: number;
  /** Write V8 CPU profiles of the crawl runs (node --cpu-prof) under <out>/profiles/. */
  profile: boolean;
  /** Hard limit of each crawl and linkinator run, minutes (default: 5 + 1 per 1,000 pages); a run past it is stopped and reported as timed out with what it measured. */
  timeoutMin?: number;
  /** Progress lines go here (stderr by default). */
  log(line: string): void;
}

interface Served {
  port: number;
  dnsPort: number;
  pid: number;
  child: ChildProcess;
}

async function startServer(o: BenchOptions): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/server-main.ts'), '--pages', String(o.pages), '--seed', String(o.seed)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolveLine, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).once('line', resolveLine);
  });
  child.removeAllListeners('exit');
  const { port, dnsPort, pid } = JSON.parse(line) as { port: number; dnsPort: number; pid: number };
  return { port, dnsPort, pid, child };
}

/** CPU seconds a process has used so far (utime + stime of /proc/<pid>/stat). */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return NaN;
  }
}

function lastJson<T>(m: Measured): T | undefined {
  const line = m.stdout.trim().split('\n').pop();
  try {
    return line ? (JSON.parse(line) as T) : undefined;
  } catch {
    return undefined;
  }
}

function failureNote(m: Measured): string {
  if (m.timedOut) return `timed out after ${m.wallS.toFixed(0)} s`;
  return `exit ${m.exitCode ?? m.signal}: ${(m.stderr.trim().split('\n').pop() ?? '').slice(0, 300)}`;
}

/** Counts in a crawl's database, read-only. */
function dbCounts(file: string): { pages: number; targets: number; linkRows: number; findings: number; browserPages: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      pages: n('SELECT COUNT(*) FROM pages'),
      targets: n('SELECT COUNT(*) FROM targets'),
      linkRows: n('SELECT COUNT(*) FROM links'),
      findings: n("SELECT COUNT(*) FROM findings WHERE status = 'open'"),
      browserPages: n("SELECT COUNT(*) FROM pages WHERE rendered_by = 'browser'"),
    };
  } finally {
    db.close();
  }
}

/** A progress reader over the crawl's database (pages done), opened read-only once the file exists. */
function pagesReader(file: string): { read(): number | undefined; close(): void } {
  let db: Database.Database | undefined;
  let stmt: Database.Statement | undefined;
  return {
    read() {
      try {
        if (!db) {
          if (!existsSync(file)) return undefined;
          db = new Database(file, { readonly: true, fileMustExist: true });
          stmt = db.prepare('SELECT COUNT(*) FROM pages').pluck();
        }
        return stmt!.get() as number;
      } catch {
        return undefined;
      }
    },
    close() {
      db?.close();
    },
  };
}

const LABELS: Record<RunId, string> = {
  server: 'server limit (GET loop)',
  'crawl-all': 'govhealth crawl, all checks',
  'crawl-links': 'govhealth crawl, links only',
  linkinator: 'linkinator --recurse',
  browser: 'govhealth crawl, browser',
  text: 'text checks alone',
};

async function measured(o: BenchOptions, server: Served, id: RunId, args: string[], opts: Parameters<typeof measureNode>[1]) {
  const before = loadAverage().text;
  const cpu0 = cpuOf(server.pid);
  o.log(`[bench] ${LABELS[id]} … (${before})`);
  const m = await measureNode(args, opts);
  const serverCpuS = cpuOf(server.pid) - cpu0;
  const after = loadAverage().text;
  o.log(`[bench] ${LABELS[id]}: ${m.wallS.toFixed(1)} s, exit ${m.exitCode ?? m.signal}`);
  return { m, load: { before, after }, serverCpuS };
}

function base(id: RunId, m: Measured, load: { before: string; after: string }, serverCpuS: number) {
  return {
    id,
    label: LABELS[id],
    ok: m.exitCode === 0 && !m.timedOut,
    wallS: m.wallS,
    peakRssMB: m.peakRssMB ?? null,
    cpuS: m.cpuS ?? null,
    ...(m.childrenCpuS ? { childrenCpuS: m.childrenCpuS } : {}),
    ...(m.peakTreeRssMB ? { peakTreeRssMB: m.peakTreeRssMB } : {}),
    serverCpuS,
    load,
  };
}

async function crawlRun(o: BenchOptions, server: Served, id: RunId, kind: CrawlKind, work: string): Promise<RunFigures> {
  const dataDir = join(work, id);
  mkdirSync(dataDir, { recursive: true });
  const cfg = join(work, `${id}.yaml`);
  writeFileSync(cfg, benchConfigYaml({ kind, port: server.port, dnsPort: server.dnsPort, pages: o.pages, dataDir, concurrency: o.concurrency }));
  const dbFile = join(dataDir, 'govhealth.sqlite');
  const progress = pagesReader(dbFile);
  const prof = o.profile && kind !== 'browser' ? ['--cpu-prof', '--cpu-prof-dir', join(o.out, 'profiles', id)] : [];
  const timeoutMs = o.timeoutMin ? o.timeoutMin * 60_000 : kind === 'browser' ? 20 * 60_000 : 300_000 + o.pages * 60;
  const { m, load, serverCpuS } = await measured(o, server, id, [...prof, join(ROOT, 'bin/govhealth.js'), 'crawl', '--config', cfg, '--data-dir', dataDir, '--now', NOW], {
    cwd: work,
    env: { GOVHEALTH_LOG_LEVEL: 'error' },
    timeoutMs,
    everyMs: 1000,
    tree: kind === 'browser',
    progress: () => progress.read(),
  });
  progress.close();
  const counts = existsSync(dbFile) ? dbCounts(dbFile) : { pages: 0, targets: 0, linkRows: 0, findings: 0, browserPages: 0 };
  const marks = [1_000, 10_000, 50_000, 100_000].filter((k) => k <= o.pages);
  const ok = m.exitCode === 0 && !m.timedOut;
  return runFigures({
    ...base(id, m, load, serverCpuS),
    pages: counts.pages,
    links: counts.targets,
    ...(m.timedOut && counts.pages > 0 ? { partial: true } : {}),
    ...(marks.length && kind !== 'browser' ? { rssAtPages: rssAtMarks(m.samples, marks, true) } : {}),
    extra: { findings: counts.findings, linkRows: counts.linkRows, browserPages: counts.browserPages, samples: m.samples.length },
    ...(ok ? {} : { note: failureNote(m) }),
    ...(ok && kind === 'browser' ? { note: `${counts.browserPages} pages rendered in Chromium (bucket /b0/ + homepage + columns); wall includes the HTTP link probes; CPU = node + Chromium, RSS = node/tree` } : {}),
  });
}

/** Runs the benchmark. */
export async function runBench(o: BenchOptions): Promise<BenchFigures> {
  const site = new BenchSite({ pages: o.pages, seed: o.seed });
  const startedAt = new Date().toISOString();
  mkdirSync(o.out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'govhealth-bench-'));
  const server = await startServer(o);
  o.log(`[bench] site of ${o.pages} pages served on 127.0.0.1:${server.port} (DNS stub 127.0.0.1:${server.dnsPort}), work folder ${work}`);
  const runs: RunFigures[] = [];
  try {
    for (const id of RUN_IDS) {
      if (!o.only.includes(id)) continue;
      if (id === 'server') {
        const { m, load, serverCpuS } = await measured(o, server, id, ['--import', 'tsx', join(ROOT, 'bench/runs/server-limit.ts'), '--port', String(server.port), '--pages', String(o.pages), '--seed', String(o.seed)], { cwd: ROOT, timeoutMs: 600_000 });
        const r = lastJson<{ pages: number; bytes: number; errors: number; loopWallS: number; connections: number }>(m);
        runs.push(
          runFigures({
            ...base(id, m, load, serverCpuS),
            // The loop's own time, without the client's start-up: the physical limit.
            wallS: r?.loopWallS ?? m.wallS,
            ok: Boolean(r) && m.exitCode === 0 && r!.errors === 0,
            pages: r?.pages ?? 0,
            links: r?.pages ?? 0,
            extra: { ...r, mbPerS: r ? r.bytes / 1048576 / r.loopWallS : null },
            note: r ? `${r.connections} keep-alive connections, ${(r.bytes / 1048576).toFixed(0)} MB, ${(r.bytes / 1048576 / r.loopWallS).toFixed(1)} MB/s, ${r.errors} errors; wall is the loop alone` : failureNote(m),
          }),
        );
      } else if (id === 'crawl-all') runs.push(await crawlRun(o, server, id, 'all', work));
      else if (id === 'crawl-links') runs.push(await crawlRun(o, server, id, 'links', work));
      else if (id === 'browser') runs.push(await crawlRun(o, server, id, 'browser', work));
      else if (id === 'linkinator') {
        const { m, load, serverCpuS } = await measured(o, server, id, ['--import', 'tsx', join(ROOT, 'bench/runs/linkinator.ts'), '--port', String(server.port)], { cwd: ROOT, timeoutMs: o.timeoutMin ? o.timeoutMin * 60_000 : 300_000 + o.pages * 60 });
        const r = lastJson<{ pages: number; links: number; linkOccurrences: number; broken: number; checkWallS: number }>(m);
        runs.push(
          runFigures({
            ...base(id, m, load, serverCpuS),
            ok: Boolean(r) && m.exitCode === 0,
            pages: r?.pages ?? 0,
            links: r?.links ?? 0,
            extra: { ...r },
            note: r ? `address variant (http://127.0.0.1:PORT/, externals on 127.0.0.2), concurrency 100, no timeout (its defaults); ${r.broken} broken URLs` : failureNote(m),
          }),
        );
      } else if (id === 'text') {
        const { m, load, serverCpuS } = await measured(o, server, id, ['--import', 'tsx', join(ROOT, 'bench/runs/text-checks.ts'), '--mb', String(o.textMb), '--seed', String(o.seed)], { cwd: ROOT, timeoutMs: 1_800_000 });
        const r = lastJson<{ texts: number; chars: number; bytes: number; hits: number; loadS: number; corpusS: number; scanS: number; perCheckS: Record<string, number> }>(m);
        const mbPerS = r ? r.bytes / 1048576 / r.scanS : null;
        runs.push(
          runFigures({
            ...base(id, m, load, serverCpuS),
            ok: Boolean(r) && m.exitCode === 0,
            // Rates of the scan alone (the corpus generation and dictionary load are reported apart).
            wallS: r?.scanS ?? m.wallS,
            pages: r?.texts ?? 0,
            links: 0,
            extra: { ...r, charsPerS: r ? r.chars / r.scanS : null, mbPerS, processWallS: m.wallS },
            note: r
              ? `${(r.bytes / 1048576).toFixed(1)} MB (${(r.chars / 1e6).toFixed(2)} M chars) in ${r.texts} page texts: ${((r.chars / r.scanS) / 1e6).toFixed(2)} M chars/s, ${mbPerS!.toFixed(2)} MB/s on one core; ${r.hits} hits; dictionaries ${r.loadS.toFixed(2)} s; per check s: ${Object.entries(r.perCheckS).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`
              : failureNote(m),
          }),
        );
      }
    }
  } finally {
    server.child.stdin!.end();
    server.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
  const r = ratios(runs);
  return {
    schema: 'govhealth-bench/1',
    startedAt,
    machine: { cpus: cpus().length, node: process.version, totalMemMB: Math.round(totalmem() / 1048576) },
    site: site.shape(),
    runs,
    ratios: r,
    targets: targetChecks(runs, r),
  };
}

const USAGE = `usage: npm run bench -- [--pages N] [--seed N] [--only ${RUN_IDS.join(',')}] [--text-mb N] [--concurrency N] [--profile] [--timeout-min N] [--out DIR] | --reprint <figures.json>`;

/** CLI entry (bin/bench.js). Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.slice(2),
      options: {
        pages: { type: 'string', default: '10000' },
        seed: { type: 'string', default: '20261120' },
        only: { type: 'string' },
        'text-mb': { type: 'string', default: '20' },
        concurrency: { type: 'string', default: '16' },
        profile: { type: 'boolean', default: false },
        'timeout-min': { type: 'string' },
        reprint: { type: 'string' },
        out: { type: 'string', default: join(ROOT, 'reports/bench') },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n${USAGE}\n`);
    return 3;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.reprint) {
    // Prints saved figures again, with the ratios and targets recomputed by this version.
    const saved = JSON.parse(readFileSync(values.reprint, 'utf8')) as BenchFigures;
    const r = ratios(saved.runs);
    process.stdout.write(formatFigures({ ...saved, ratios: r, targets: targetChecks(saved.runs, r) }));
    return 0;
  }
  const only = (values.only ? values.only.split(',') : [...RUN_IDS]) as RunId[];
  const bad = only.filter((x) => !RUN_IDS.includes(x));
  const pages = Number(values.pages);
  if (bad.length || !Number.isInteger(pages) || pages < 20) {
    process.stderr.write(`bench: ${bad.length ? `unknown run ${bad.join(', ')}` : `--pages must be an integer ≥ 20, got ${values.pages}`}\n${USAGE}\n`);
    return 3;
  }
  const out = resolve(values.out);
  const figures = await runBench({
    pages,
    seed: Number(values.seed),
    only,
    out,
    textMb: Number(values['text-mb']),
    concurrency: Number(values.concurrency),
    profile: values.profile,
    ...(values['timeout-min'] ? { timeoutMin: Number(values['timeout-min']) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const text = formatFigures(figures);
  process.stdout.write(text);
  const stamp = figures.startedAt.replace(/[:.]/g, '-');
  const file = join(out, `bench-${pages}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  writeFileSync(join(out, `latest-${pages}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`figures written to ${file}\n`);
  return figures.runs.every((x) => x.ok) ? 0 : 1;
}
