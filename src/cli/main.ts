// cli stage: the `govhealth` program — thin commands over the library, documented exit codes.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../errors/index.ts';
import { EXIT, type CliIO, type RegisterCommand } from './context.ts';
/**
 * Every command, in the order `--help` lists them. A command's module (and the heavy libraries it needs: Crawlee,
 * Chromium's driver, ECharts …) is loaded only when that command runs, so `check-text` or `--help` start quickly.
 */
const COMMANDS: { name: string; summary: string; load: () => Promise<RegisterCommand> }[] = [
  { name: 'crawl', summary: 'crawl the configured sites, run the checks and store the findings', load: async () => (await import('./crawl.ts')).registerCrawl },
  { name: 'findings', summary: 'list findings (open ones by default)', load: async () => (await import('./findings.ts')).registerFindings },
  { name: 'verdict', summary: 'judge each site by the official indicators (单项否决 + 扣分)', load: async () => (await import('./verdict.ts')).registerVerdict },
  { name: 'probe', summary: 'probe each homepage once for availability', load: async () => (await import('./probe.ts')).registerProbe },
  { name: 'ipv6', summary: 'measure IPv6 support of each site', load: async () => (await import('./ipv6.ts')).registerIpv6 },
  { name: 'report', summary: 'compile the quarterly spot-check report (季度抽查通报): HTML, DOCX, XLSX, JSON', load: async () => (await import('./report.ts')).registerReport },
  { name: 'alerts', summary: 'send (or show with --dry-run) the alerts due to editors and the supervisor', load: async () => (await import('./alerts.ts')).registerAlerts },
  { name: 'serve', summary: 'run the scheduler service (nightly crawl, probes, alerts, reports) with the dashboard', load: async () => (await import('./serve.ts')).registerServe },
  { name: 'web', summary: 'serve the dashboard and the pre-publication check API alone', load: async () => (await import('./web.ts')).registerWeb },
  { name: 'user', summary: 'manage dashboard accounts (user add)', load: async () => (await import('./web.ts')).registerUser },
  { name: 'check-text', summary: 'check a draft for typos, sensitive terms and personal data before publishing', load: async () => (await import('./check-text.ts')).registerCheckText as RegisterCommand },
  { name: 'demo', summary: 'crawl the bundled sample government site and report what was found', load: async () => (await import('./demo.ts')).registerDemo },
];

const EXIT_HELP = `
Exit codes:
  0  ok
  1  unexpected failure
  2  findings over the threshold set with --fail-on (or serious problems found by check-text)
  3  bad configuration or arguments

Environment:
  GOVHEALTH_DATA_DIR   data folder (database, crawl state); default ./data, or dataDir in the config
  GOVHEALTH_CHROMIUM   Chromium executable for pages marked render: browser
  GOVHEALTH_LOG_LEVEL  log level (trace, debug, info, warn, error, silent); default info
`;

/** Runs the CLI with argv; resolves to the exit code. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command();
  program
    .name('govhealth')
    .description('Keeps government websites and their new-media accounts healthy: crawl, check, judge, alert, report.')
    .version('0.1.0')
    .showHelpAfterError()
    .addHelpText('after', EXIT_HELP)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  const chosen = COMMANDS.find((c) => c.name === (argv[2] === 'help' ? argv[3] : argv[2]));
  if (chosen) (await chosen.load())(program, io, (c) => (code = c));
  // Without a known command, only the list is needed (help, or an error naming the unknown command).
  else for (const c of COMMANDS) program.command(c.name).description(c.summary);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.config;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`govhealth: ${err.message}\n`);
      return EXIT.config;
    }
    io.stderr.write(`govhealth: unexpected failure: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.unexpected;
  }
}

function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
