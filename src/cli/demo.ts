// cli stage: `govhealth demo` — serves the bundled sample county site on loopback, crawls it with the real
// crawler using config/demo.yaml, prints the summary and writes the findings to the database and reports/demo/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/index.ts';
import { Store } from '../storage/index.ts';
import { crawlAndSummarise } from './crawl.ts';
import { EXIT, parseNow, type RegisterCommand } from './context.ts';
import { findingJson } from './findings.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const registerDemo: RegisterCommand = (program, io, setExit) => {
  program
    .command('demo')
    .description('crawl the bundled sample government site (served on localhost) and report what was found')
    .option('--data-dir <dir>', 'data folder of the demo (default: ./data/demo, emptied first)')
    .option('--out <dir>', 'where the findings JSON is written', 'reports/demo')
    .option('--now <iso>', 'the clock the checks judge by', '2026-11-20T08:00:00+08:00')
    .action(async (opts: { dataDir?: string; out: string; now: string }) => {
      const started = performance.now();
      // The sample site lives with the test fixtures: it is the same site the suite checks against its manifest.
      const fixture = (await import('../../test/fixtures/gov-site/index.ts')) as typeof import('../../test/fixtures/gov-site/index.ts');
      const site = await fixture.startGovSite();
      try {
        const dataDir = resolve(io.cwd, opts.dataDir ?? 'data/demo');
        if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
        const config = loadConfig(join(ROOT, 'config/demo.yaml'), {
          vars: { ...io.env, GOVHEALTH_DEMO_PORT: String(site.port), GOVHEALTH_DEMO_DNS: `127.0.0.1:${site.dns.port}` },
          dataDir,
        });
        io.stdout.write(`Sample site ${config.sites[0]!.name} served at ${site.homepage} (DNS stub on 127.0.0.1:${site.dns.port})\n`);
        const summary = await crawlAndSummarise(config, io, { now: parseNow(opts.now) });
        const store = Store.open(config.dataDir);
        const findings = store.findings.list({ siteIds: config.sites.map((s) => s.id) }).map(findingJson);
        store.close();
        const outDir = resolve(io.cwd, opts.out);
        mkdirSync(outDir, { recursive: true });
        const outFile = join(outDir, 'findings.json');
        writeFileSync(outFile, JSON.stringify(findings, null, 2) + '\n');
        io.stdout.write(summary.text);
        io.stdout.write(`\n${findings.length} findings written to ${outFile} and ${join(config.dataDir, 'govhealth.sqlite')}\n`);
        io.stdout.write(`demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
        if (summary.outcomes.some((o) => o.error)) setExit(EXIT.unexpected);
      } finally {
        await site.close();
      }
    });
};
