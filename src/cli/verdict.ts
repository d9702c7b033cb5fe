// cli stage: `govhealth verdict` — the official verdict of each site (单项否决 item by item with evidence,
// deductions, bonus, 合格/不合格) from what storage holds; `--survey` reads columns and homepage first.
import { Option } from 'commander';
import { HttpClient, Resolver } from '../crawl/index.ts';
import { createLogger } from '../log/index.ts';
import { FRESHNESS_CHECKS, formatVerdictTable, indicatorsFor, runFreshness, verdictFromStore, type SiteVerdict } from '../rules/index.ts';
import { Store } from '../storage/index.ts';
import { configFromOptions, EXIT, parseNow, selectSites, type RegisterCommand } from './context.ts';

/** Ids of the checks the product implements (the registry's and this stage's), or undefined when the registry does not load. */
async function registeredChecks(): Promise<string[] | undefined> {
  try {
    const { CHECKS } = await import('../checks/index.ts');
    return [...new Set([...CHECKS.map((c) => c.id), ...FRESHNESS_CHECKS.map((c) => c.id)])];
  } catch {
    return undefined;
  }
}

export const registerVerdict: RegisterCommand = (program, io, setExit) => {
  program
    .command('verdict')
    .description('judge each site by the official indicators: 单项否决, 扣分, 加分 → 合格/不合格, with evidence')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--site <id>', 'only this site')
    .option('--now <iso>', 'the time to judge at (default: now)')
    .option('--survey', 'read the columns and homepage now (stores snapshots and findings) before judging')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action(async (opts: { config: string; site?: string; now?: string; survey?: boolean; format: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      const now = parseNow(opts.now);
      const sites = selectSites(config, opts.site, io, setExit);
      if (!sites) return;
      const ind = indicatorsFor(config);
      const store = Store.open(config.dataDir);
      try {
        if (opts.survey) {
          const log = createLogger({ level: io.env.GOVHEALTH_LOG_LEVEL ?? 'warn' });
          const http = new HttpClient(config.network, new Resolver(config.network));
          try {
            for (const site of sites) await runFreshness({ store, config, site, now, http, log, services: { indicators: ind } });
          } finally {
            await http.close();
          }
        }
        const registered = await registeredChecks();
        const verdicts: SiteVerdict[] = sites.map((site) => verdictFromStore(store, config, site, now, ind, registered));
        if (opts.format === 'json') io.stdout.write(JSON.stringify(verdicts, null, 2) + '\n');
        else io.stdout.write(formatVerdictTable(verdicts));
        if (verdicts.some((v) => v.result === '不合格')) setExit(EXIT.findings);
      } finally {
        store.close();
      }
    });
};
