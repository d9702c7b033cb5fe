// cli stage: `govhealth serve` — the long-running service: nightly crawl, availability probes through the day, IPv6
// daily, alerts after each run, the quarterly report, retention clean-up, and the dashboard with the
// pre-publication API on one port. SIGTERM/SIGINT stop it gracefully.
import { ConfigError } from '../errors/index.ts';
import { createLogger } from '../log/index.ts';
import { startService } from '../scheduler/index.ts';
import { configFromOptions, EXIT, type RegisterCommand } from './context.ts';

interface ServeOptions {
  config: string;
  dataDir?: string;
  web: boolean;
  port?: string;
  host?: string;
}

/** Registers `govhealth serve --config <file> [--no-web] [--port <n>] [--host <address>] [--data-dir <dir>]`. */
export const registerServe: RegisterCommand = (program, io, setExit) => {
  program
    .command('serve')
    .description('run unattended: crawl nightly, probe availability ≥ 20 times a day, IPv6 daily, send alerts, write the quarterly report, serve the dashboard')
    .requiredOption('--config <file>', 'site registry (YAML); its `schedule` block sets the times')
    .option('--no-web', 'do not serve the dashboard and the pre-publication API')
    .option('--port <n>', 'dashboard port (default: web.port in the config, 8080)')
    .option('--host <address>', 'dashboard address (default: web.host in the config, 127.0.0.1)')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action(async (opts: ServeOptions) => {
      const config = configFromOptions(opts, io);
      const port = opts.port !== undefined ? Number(opts.port) : config.web.port;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port: expected a port number 0–65535, got "${opts.port}"`);
      const log = createLogger({ level: io.env.GOVHEALTH_LOG_LEVEL ?? 'info' });
      const service = startService({ config, log, env: io.env });
      let closeWeb = async () => {};
      if (opts.web) {
        try {
          const { buildWebApp } = await import('../web/index.ts');
          const { app } = await buildWebApp({ config, store: service.store });
          const address = await app.listen({ port, host: opts.host ?? config.web.host });
          closeWeb = () => app.close();
          io.stdout.write(`govhealth web: ${address}/\n`);
        } catch (err) {
          await service.stop();
          throw err;
        }
      }
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
      await closeWeb();
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
