// cli stage: `govhealth serve` — the long-running service: nightly crawl, availability probes through the day, IPv6
// daily, alerts after each run, the quarterly report, retention clean-up. SIGTERM/SIGINT stop it gracefully.
import { createLogger } from '../log/index.ts';
import { startService } from '../scheduler/index.ts';
import { configFromOptions, EXIT, type RegisterCommand } from './context.ts';

/** Registers `govhealth serve --config <file> [--data-dir <dir>]`. */
export const registerServe: RegisterCommand = (program, io, setExit) => {
  program
    .command('serve')
    .description('run unattended: crawl nightly, probe availability ≥ 20 times a day, IPv6 daily, send alerts, write the quarterly report')
    .requiredOption('--config <file>', 'site registry (YAML); its `schedule` block sets the times')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action(async (opts: { config: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      const log = createLogger({ level: io.env.GOVHEALTH_LOG_LEVEL ?? 'info' });
      const service = startService({ config, log, env: io.env });
      io.stderr.write(`govhealth: serving ${config.sites.length} site(s) from ${config.source}; stop with SIGTERM or Ctrl-C\n`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        const on = (s: NodeJS.Signals) => {
          process.off('SIGTERM', on);
          process.off('SIGINT', on);
          resolve(s);
        };
        process.on('SIGTERM', on);
        process.on('SIGINT', on);
      });
      log.info({ signal }, 'stopping: waiting for running jobs');
      const { leftRunning } = await service.stop();
      setExit(EXIT.ok);
      if (leftRunning.length) {
        io.stderr.write(`govhealth: stopped with ${leftRunning.join(', ')} still running; they resume at the next start\n`);
        // The running crawl has checkpointed its frontier in the database; ending the process here is safe and
        // is the only way to stop work that has no cancellation point.
        process.exit(EXIT.ok);
      }
    });
};
