// cli stage: the `govhealth` program — thin commands over the library, documented exit codes.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../errors/index.ts';
import { EXIT, type CliIO, type RegisterCommand } from './context.ts';
import { registerCrawl } from './crawl.ts';
import { registerDemo } from './demo.ts';
import { registerFindings } from './findings.ts';
import { registerCheckText } from './check-text.ts';
import { registerIpv6 } from './ipv6.ts';
import { registerProbe } from './probe.ts';
import { registerVerdict } from './verdict.ts';

/** Every command, in the order `--help` lists them. */
const COMMANDS: RegisterCommand[] = [registerCrawl, registerFindings, registerVerdict, registerProbe, registerIpv6, registerCheckText, registerDemo];

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
  for (const register of COMMANDS) register(program, io, (c) => (code = c));
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
