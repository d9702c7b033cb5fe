// cli stage: `govhealth report` — the quarterly spot-check notice (季度抽查通报) of a quarter as HTML, DOCX, XLSX
// and JSON: a stratified, seeded sample; verdicts as of the quarter's end; evidence; fix tracking.
import { resolve } from 'node:path';
import { ConfigError } from '../errors/index.ts';
import { generateReport, parseQuarter, parseSampleRatio } from '../report/index.ts';
import { FRESHNESS_CHECKS, indicatorsFor } from '../rules/index.ts';
import { Store } from '../storage/index.ts';
import { configFromOptions, EXIT, parseNow, type RegisterCommand } from './context.ts';

/** Ids of the checks the product implements, or undefined when the registry does not load. */
async function registeredChecks(): Promise<string[] | undefined> {
  try {
    const { CHECKS } = await import('../checks/index.ts');
    return [...new Set([...CHECKS.map((c) => c.id), ...FRESHNESS_CHECKS.map((c) => c.id)])];
  } catch {
    return undefined;
  }
}

interface ReportOptions {
  config: string;
  quarter: string;
  sample?: string;
  seed?: string;
  out?: string;
  now?: string;
  dataDir?: string;
}

export const registerReport: RegisterCommand = (program, io, setExit) => {
  program
    .command('report')
    .description('the quarterly spot-check notice (季度抽查通报): HTML, DOCX, XLSX and JSON under reports/<quarter>/')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .requiredOption('--quarter <quarter>', 'the quarter, e.g. 2026Q4')
    .option('--sample <ratio>', 'share of sites drawn from each level (0.3, 30%) or all (default: report.sampleRatio)')
    .option('--seed <n>', 'seed of the sample (default: report.seed); the same seed draws the same sites')
    .option('--out <dir>', 'output folder (default: reports/<quarter>)')
    .option('--now <iso>', 'the clock: the quarter is judged as of the earlier of this and its end (default: now)')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action(async (opts: ReportOptions) => {
      const config = configFromOptions(opts, io);
      const quarter = parseQuarter(opts.quarter, config.timeZone);
      const ratio = opts.sample === undefined ? (config.report.sampleRatio === 1 ? 'all' : config.report.sampleRatio) : parseSampleRatio(opts.sample);
      if (ratio === undefined) throw new ConfigError(`--sample: expected all, a ratio in (0, 1] such as 0.3, or a percentage such as 30%, got "${opts.sample}"`);
      let seed = config.report.seed;
      if (opts.seed !== undefined) {
        if (!/^\d{1,10}$/.test(opts.seed) || Number(opts.seed) > 0xffffffff) throw new ConfigError(`--seed: expected a whole number from 0 to 4294967295, got "${opts.seed}"`);
        seed = Number(opts.seed);
      }
      const now = parseNow(opts.now);
      if (now < quarter.start) throw new ConfigError(`--quarter: ${quarter.id} has not started at ${now.toISOString()} (set --now within or after the quarter)`);
      const outDir = resolve(io.cwd, opts.out ?? `reports/${quarter.id}`);
      const store = Store.open(config.dataDir);
      try {
        const registered = await registeredChecks();
        const { model, files } = await generateReport(
          store,
          config,
          { quarter, ratio, seed, now, generatedAt: new Date(), indicators: indicatorsFor(config), ...(registered ? { registered } : {}) },
          outDir,
        );
        const s = model.summary;
        io.stdout.write(
          `${model.title}\n` +
            `抽查网站 ${s.sitesChecked}/${s.sitesRunning}，合格 ${s.sitesPassed}，不合格 ${s.sitesFailed}；政务新媒体抽查 ${s.accountsChecked}，不合格 ${s.accountsFailed}；` +
            `问题 ${s.problems} 个；上季度整改率 ${s.fixRate.percent === undefined ? '不适用' : `${s.fixRate.percent}%`}\n` +
            Object.values(files).map((f) => `  ${f}\n`).join(''),
        );
        setExit(EXIT.ok);
      } finally {
        store.close();
      }
    });
};
