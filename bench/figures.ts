// bench: the figures of one benchmark invocation — the JSON written under reports/bench/, the ratios, the targets
// of issue 10 and the printed table. Pure functions: no clock, no I/O.

export const RUN_IDS = ['server', 'crawl-all', 'crawl-links', 'linkinator', 'browser', 'text'] as const;
export type RunId = (typeof RUN_IDS)[number];

/** RSS of the crawler when the crawl had done a number of pages. */
export interface RssAtPages {
  pages: number;
  rssMB: number;
  /** Peak resident set up to that point (VmHWM). */
  peakMB: number;
}

export interface RunFigures {
  id: RunId;
  label: string;
  ok: boolean;
  /** Stopped at its time limit: the rates are over the pages it had done by then. */
  partial?: boolean;
  wallS: number;
  /** Pages fetched (and parsed, except for the server loop). */
  pages: number;
  pagesPerS: number;
  /** Distinct URLs checked (pages included). */
  links: number;
  linksPerS: number;
  peakRssMB: number | null;
  cpuS: number | null;
  /** CPU of the children the run waited for (Chromium), when any. */
  childrenCpuS?: number;
  /** Peak RSS of the run's whole process tree (sampled): Chromium included. */
  peakTreeRssMB?: number;
  /** CPU seconds the site server spent answering this run. */
  serverCpuS?: number;
  /** Machine load average before and after the run (2 cores shared with other engineers). */
  load: { before: string; after: string };
  rssAtPages?: RssAtPages[];
  /** Run-specific figures (findings, bytes, text speed, per-check seconds …). */
  extra: Record<string, unknown>;
  note?: string;
}

export interface BenchFigures {
  schema: 'govhealth-bench/1';
  startedAt: string;
  machine: { cpus: number; node: string; totalMemMB: number };
  site: { pages: number; seed: number; attachments: number; images: number; externalPages: number };
  runs: RunFigures[];
  ratios: Record<string, number | null>;
  targets: TargetCheck[];
}

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  met: boolean | null;
}

const rate = (n: number, s: number) => (s > 0 ? n / s : 0);

/** Builds the rates of a run from its counts. */
export function runFigures(f: Omit<RunFigures, 'pagesPerS' | 'linksPerS'>): RunFigures {
  return { ...f, pagesPerS: rate(f.pages, f.wallS), linksPerS: rate(f.links, f.wallS) };
}

function find(runs: RunFigures[], id: RunId): RunFigures | undefined {
  return runs.find((r) => r.id === id && (r.ok || (r.partial && r.pages > 0)));
}

function ratio(a: RunFigures | undefined, b: RunFigures | undefined): number | null {
  return a && b && b.pagesPerS > 0 ? a.pagesPerS / b.pagesPerS : null;
}

/** crawl/linkinator and crawl/server-limit, by pages/s. */
export function ratios(runs: RunFigures[]): Record<string, number | null> {
  const [all, links, lk, server] = [find(runs, 'crawl-all'), find(runs, 'crawl-links'), find(runs, 'linkinator'), find(runs, 'server')];
  return {
    'crawl-links/linkinator': ratio(links, lk),
    'crawl-all/linkinator': ratio(all, lk),
    'crawl-links/server-limit': ratio(links, server),
    'crawl-all/server-limit': ratio(all, server),
    'linkinator/server-limit': ratio(lk, server),
  };
}

const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined || Number.isNaN(n) ? '-' : n.toFixed(d));

/** The targets of issue 10, each with what was measured. */
export function targetChecks(runs: RunFigures[], r: Record<string, number | null>): TargetCheck[] {
  const out: TargetCheck[] = [];
  const links = r['crawl-links/linkinator'] ?? null;
  out.push({ name: 'links-only pages/s vs linkinator', target: '≥ 1.0 (on the way to 2.0)', measured: fmt(links, 2), met: links === null ? null : links >= 1 });
  const all = r['crawl-all/linkinator'] ?? null;
  out.push({ name: 'all checks pages/s vs linkinator', target: '≥ 0.70', measured: fmt(all, 2), met: all === null ? null : all >= 0.7 });
  const crawls = runs.filter((x) => (x.ok || x.partial) && (x.id === 'crawl-all' || x.id === 'crawl-links') && x.peakRssMB !== null);
  const peak = crawls.length ? Math.max(...crawls.map((x) => x.peakRssMB!)) : null;
  const pages = crawls.length ? Math.max(...crawls.map((x) => x.pages)) : 0;
  out.push({ name: `crawl peak RSS (${pages} pages)`, target: '< 500 MB at 100,000 pages', measured: peak === null ? '-' : `${fmt(peak, 0)} MB`, met: peak === null ? null : peak < 500 });
  const text = find(runs, 'text');
  const mbps = text ? (text.extra.mbPerS as number) : null;
  out.push({ name: 'text checks, one core', target: '≥ 5 MB/s', measured: mbps === null ? '-' : `${fmt(mbps, 2)} MB/s`, met: mbps === null ? null : mbps >= 5 });
  const browser = find(runs, 'browser');
  out.push({ name: 'browser mode pages/s', target: '≥ 5', measured: fmt(browser?.pagesPerS ?? null, 2), met: browser ? browser.pagesPerS >= 5 : null });
  return out;
}

function pad(s: string, n: number, right = false): string {
  const w = [...s].reduce((k, c) => k + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, n - w));
  return right ? fill + s : s + fill;
}

/** The printed report. */
export function formatFigures(b: BenchFigures): string {
  const lines: string[] = [];
  lines.push(`govhealth bench — ${b.site.pages} pages (seed ${b.site.seed}), ${b.machine.cpus} cores, node ${b.machine.node}, started ${b.startedAt}`);
  lines.push('');
  const head = ['run', 'wall s', 'pages', 'pages/s', 'links', 'links/s', 'peak RSS MB', 'CPU s', 'server CPU s', 'load before → after'];
  const widths = [26, 8, 8, 9, 9, 9, 12, 8, 13, 0];
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? pad(c, widths[i]!) : pad(c, widths[i]!, true))).join('  ');
  lines.push(row(head));
  for (const r of b.runs) {
    const cpu = r.cpuS === null ? '-' : r.childrenCpuS ? `${fmt(r.cpuS)}+${fmt(r.childrenCpuS)}` : fmt(r.cpuS);
    const rss = r.peakRssMB === null ? '-' : r.peakTreeRssMB ? `${fmt(r.peakRssMB, 0)}/${fmt(r.peakTreeRssMB, 0)}` : fmt(r.peakRssMB, 0);
    lines.push(
      row([
        `${r.label}${r.ok ? '' : r.partial ? ' (partial)' : ' (FAILED)'}`,
        fmt(r.wallS),
        String(r.pages),
        fmt(r.pagesPerS),
        String(r.links),
        fmt(r.linksPerS),
        rss,
        cpu,
        fmt(r.serverCpuS),
        `${r.load.before.replace('load ', '')} → ${r.load.after.replace('load ', '')}`,
      ]),
    );
  }
  lines.push('');
  for (const r of b.runs) {
    if (r.note) lines.push(`${r.label}: ${r.note}`);
    if (r.rssAtPages?.length) lines.push(`${r.label}: RSS by pages done: ${r.rssAtPages.map((p) => `${p.pages} → ${fmt(p.rssMB, 0)} MB (peak ${fmt(p.peakMB, 0)})`).join(', ')}`);
  }
  lines.push('');
  lines.push('ratios (pages/s): ' + Object.entries(b.ratios).map(([k, v]) => `${k} ${fmt(v, 2)}`).join(' · '));
  lines.push('');
  lines.push('targets (issue 10):');
  for (const t of b.targets) lines.push(`  ${t.met === null ? '?  ' : t.met ? 'met' : 'MISSED'}  ${pad(t.name, 40)} target ${pad(t.target, 26)} measured ${t.measured}`);
  return `${lines.join('\n')}\n`;
}

/** Picks, for each mark (10k, 50k, 100k pages …), the first sample at or past it; with `last`, also the last sample. */
export function rssAtMarks(samples: { progress?: number; rssMB: number; hwmMB?: number }[], marks: number[], last = false): RssAtPages[] {
  const out: RssAtPages[] = [];
  for (const mark of marks) {
    let peak = 0;
    for (const s of samples) {
      peak = Math.max(peak, s.hwmMB ?? s.rssMB);
      if (s.progress !== undefined && s.progress >= mark) {
        out.push({ pages: s.progress, rssMB: s.rssMB, peakMB: peak });
        break;
      }
    }
  }
  const end = [...samples].reverse().find((s) => s.progress !== undefined);
  if (last && end && end.progress! > (out.at(-1)?.pages ?? 0)) {
    out.push({ pages: end.progress!, rssMB: end.rssMB, peakMB: Math.max(...samples.map((s) => s.hwmMB ?? s.rssMB)) });
  }
  return out;
}
