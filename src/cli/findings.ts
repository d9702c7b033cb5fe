// cli stage: `govhealth findings` — list open findings as a table or JSON.
import { Option } from 'commander';
import { SEVERITIES, type Finding } from '../checks/index.ts';
import { Store } from '../storage/index.ts';
import { configFromOptions, selectSites, type RegisterCommand } from './context.ts';
import { findingsTable } from './format.ts';

/** The JSON form of a finding (the documented output contract). */
export function findingJson(f: Finding): Record<string, unknown> {
  return {
    id: f.id,
    siteId: f.siteId,
    check: f.check,
    severity: f.severity,
    certainty: f.certainty ?? 'certain',
    url: f.url,
    target: f.target ?? null,
    onHomepage: f.onHomepage ?? false,
    evidence: f.evidence,
    column: f.column ?? null,
    account: f.account ?? null,
    pageCount: f.pageCount,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    status: f.status,
  };
}

export const registerFindings: RegisterCommand = (program, io, setExit) => {
  program
    .command('findings')
    .description('list findings (open ones by default)')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--site <id>', 'only this site')
    .option('--check <id>', 'only this check id, e.g. link.broken')
    .addOption(new Option('--status <status>', 'open, resolved or all').choices(['open', 'resolved', 'all']).default('open'))
    .addOption(new Option('--severity <level>', 'only this severity').choices([...SEVERITIES]))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action((opts: { config: string; site?: string; check?: string; status: 'open' | 'resolved' | 'all'; severity?: Finding['severity']; format: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      if (!selectSites(config, opts.site, io, setExit)) return;
      const store = Store.open(config.dataDir);
      try {
        const list = store.findings.list({ siteId: opts.site, siteIds: config.sites.map((s) => s.id), check: opts.check, status: opts.status, severity: opts.severity });
        if (opts.format === 'json') io.stdout.write(JSON.stringify(list.map(findingJson), null, 2) + '\n');
        else io.stdout.write(list.length ? findingsTable(list) + `${list.length} finding(s)\n` : 'no findings\n');
      } finally {
        store.close();
      }
    });
};
