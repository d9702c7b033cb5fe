// cli stage: `govhealth crawl` — crawl the configured sites, run the checks, store findings, print a summary.
import { Option } from 'commander';
import { SEVERITIES, type Severity } from '../checks/index.ts';
import type { LoadedConfig } from '../config/index.ts';
import { runCrawl, type CrawlProgress, type SiteOutcome } from '../crawl/index.ts';
import { createLogger } from '../log/index.ts';
import { Store } from '../storage/index.ts';
import { configFromOptions, EXIT, parseNow, type CliIO, type RegisterCommand } from './context.ts';
import { table } from './format.ts';

export interface CrawlSummary {
  outcomes: SiteOutcome[];
  /** Open findings by check id, over the crawled sites. */
  byCheck: Record<string, number>;
  bySeverity: Record<string, number>;
  text: string;
}

/** Runs the crawl and builds the printed summary. Shared by `crawl` and `demo`. */
export async function crawlAndSummarise(config: LoadedConfig, io: CliIO, options: { siteIds?: string[]; now: Date }): Promise<CrawlSummary> {
  const log = createLogger({ level: io.env.GOVHEALTH_LOG_LEVEL ?? 'warn' });
  const store = Store.open(config.dataDir);
  const tty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
  let last = 0;
  const startedAt = performance.now();
  const onProgress = (p: CrawlProgress) => {
    const t = performance.now();
    if (!tty || t - last < 500) return;
    last = t;
    const rate = p.pages / ((t - startedAt) / 1000);
    io.stderr.write(`\r${p.siteId}: ${p.pages} pages done, ${p.queued} queued, ${p.findings} findings so far, ${rate.toFixed(1)} pages/s   `);
  };
  try {
    const outcomes = await runCrawl({ config, store, log, now: options.now, siteIds: options.siteIds, onProgress, env: io.env });
    if (tty) io.stderr.write('\n');
    const siteIds = outcomes.map((o) => o.siteId);
    const open = store.findings.list({ siteIds });
    const byCheck: Record<string, number> = {};
    const bySeverity: Record<string, number> = {};
    for (const f of open) {
      byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    }
    const siteRows = outcomes.map((o) => {
      const site = config.sites.find((s) => s.id === o.siteId)!;
      const n = open.filter((f) => f.siteId === o.siteId).length;
      return o.result
        ? [o.siteId, site.name, String(o.result.pages), String(o.result.linksChecked), String(n), `${(o.result.durationMs / 1000).toFixed(1)} s`, o.result.browserSkipped ? `${o.result.browserSkipped} browser pages skipped (no Chromium)` : o.result.resumed ? 'resumed' : 'ok']
        : [o.siteId, site.name, '-', '-', String(n), '-', `failed: ${o.error}`];
    });
    const checkRows = Object.entries(byCheck).sort().map(([check, n]) => [check, String(n)]);
    const text =
      table(['site', 'name', 'pages', 'links checked', 'open findings', 'time', 'status'], siteRows, [16, 20, 6, 13, 13, 8, 50]) +
      '\n' +
      (checkRows.length ? table(['check', 'open findings'], checkRows, [20, 13]) : 'no open findings\n');
    return { outcomes, byCheck, bySeverity, text };
  } finally {
    store.close();
  }
}

/** Whether any open finding reaches the severity given to --fail-on. */
export function overThreshold(bySeverity: Record<string, number>, failOn: Severity | undefined): boolean {
  if (!failOn) return false;
  const limit = SEVERITIES.indexOf(failOn);
  return SEVERITIES.some((s, i) => i <= limit && (bySeverity[s] ?? 0) > 0);
}

export const registerCrawl: RegisterCommand = (program, io, setExit) => {
  program
    .command('crawl')
    .description('crawl the configured sites, run the checks and store the findings')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--site <id...>', 'only these sites')
    .option('--now <iso>', 'the clock the checks judge by (default: now), to reproduce a run')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .addOption(new Option('--fail-on <severity>', 'exit 2 when an open finding is at least this severe').choices([...SEVERITIES]))
    .action(async (opts: { config: string; site?: string[]; now?: string; dataDir?: string; failOn?: Severity }) => {
      const config = configFromOptions(opts, io);
      const now = parseNow(opts.now);
      const unknown = (opts.site ?? []).filter((id) => !config.sites.some((s) => s.id === id));
      if (unknown.length) {
        io.stderr.write(`govhealth: --site: no site ${unknown.map((u) => `"${u}"`).join(', ')} in ${config.source}\n`);
        setExit(EXIT.config);
        return;
      }
      const summary = await crawlAndSummarise(config, io, { siteIds: opts.site, now });
      io.stdout.write(summary.text);
      if (summary.outcomes.some((o) => o.error)) setExit(EXIT.unexpected);
      else if (overThreshold(summary.bySeverity, opts.failOn)) setExit(EXIT.findings);
    });
};
