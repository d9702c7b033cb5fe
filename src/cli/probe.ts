// cli stage: `govhealth probe` — probes each site's homepage once (time to first byte, total time, status,
// failure kind), records it, and re-judges availability over the rolling window. Run ≥ 20 times a day.
import { HttpClient, Resolver } from '../crawl/index.ts';
import { createLogger } from '../log/index.ts';
import { indicatorsFor, runProbe } from '../rules/index.ts';
import { judgeAvailability } from '../probes/index.ts';
import { vetoParam } from '../rules/indicators.ts';
import { Store } from '../storage/index.ts';
import { configFromOptions, parseNow, selectSites, type RegisterCommand } from './context.ts';

export const registerProbe: RegisterCommand = (program, io, setExit) => {
  program
    .command('probe')
    .description('probe each site homepage once for availability (站点无法访问) and record the result')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--site <id>', 'only this site')
    .option('--now <iso>', 'the time the probe is recorded at (default: now)')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action(async (opts: { config: string; site?: string; now?: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      const now = parseNow(opts.now);
      const sites = selectSites(config, opts.site, io, setExit);
      if (!sites) return;
      const ind = indicatorsFor(config);
      const log = createLogger({ level: io.env.GOVHEALTH_LOG_LEVEL ?? 'warn' });
      const http = new HttpClient(config.network, new Resolver(config.network));
      const store = Store.open(config.dataDir);
      try {
        const windowDays = vetoParam(ind, 'veto.unreachable', 'windowDays');
        await Promise.all(
          sites.map(async (site) => {
            const { probe } = await runProbe({ store, config, site, now, http, log, services: { indicators: ind } });
            const j = judgeAvailability(store.probes.window(site.id, now, windowDays), ind);
            const what = probe.ok ? `ok HTTP ${probe.status}` : `FAIL ${probe.failure}${probe.status ? ` HTTP ${probe.status}` : ''}`;
            io.stdout.write(`${site.id}\t${what}\tttfb ${probe.ttfbMs ?? '-'} ms\ttotal ${probe.totalMs ?? '-'} ms\t${j.message}\n`);
          }),
        );
      } finally {
        store.close();
        await http.close();
      }
    });
};
