// cli stage: `govhealth alerts` — decide the alerts due now (new findings, early warnings, fixed problems per
// editor; veto escalations to the supervisor) and send them; `--dry-run` shows what would be sent to whom.
import { describeDelivery, renderText, runAlerts } from '../alerts/index.ts';
import { createLogger } from '../log/index.ts';
import { Store } from '../storage/index.ts';
import { configFromOptions, parseNow, type RegisterCommand } from './context.ts';

/** Registers `govhealth alerts --config <file> [--dry-run] [--now <iso>] [--data-dir <dir>]`. */
export const registerAlerts: RegisterCommand = (program, io) => {
  program
    .command('alerts')
    .description('send alerts to column editors, site owners and the supervisor (once per problem, retried until delivered)')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--dry-run', 'show what would be sent to whom; record and send nothing')
    .option('--now <iso>', 'the time the alerts are decided at (default: now)')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action(async (opts: { config: string; dryRun?: boolean; now?: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      const now = parseNow(opts.now);
      const log = createLogger({ level: io.env.GOVHEALTH_LOG_LEVEL ?? 'warn' });
      const store = Store.open(config.dataDir);
      try {
        const { plan, delivery } = await runAlerts({ store, config, now, log, env: io.env, dryRun: Boolean(opts.dryRun) });
        const fresh = plan.deliveries.filter((d) => d.queued);
        if (opts.dryRun) {
          io.stdout.write(fresh.length ? `would send ${fresh.length} message(s):\n\n` : 'nothing new to send\n');
          for (const d of fresh) io.stdout.write(`== to ${d.recipient} <${d.address}> (${d.kind})\n${renderText(d.message)}\n`);
        } else {
          io.stdout.write(`decided ${fresh.length} new message(s)\n`);
          for (const d of fresh) io.stdout.write(`  ${describeDelivery(d)}\n`);
        }
        if (plan.unrouted.length) io.stderr.write(`govhealth: ${plan.unrouted.length} finding(s) reach nobody (no editor, site owner or alerts.supervisor with a channel)\n`);
        if (delivery) {
          io.stdout.write(`sent ${delivery.sent.length}, failed ${delivery.failed.length}\n`);
          for (const f of delivery.failed) io.stderr.write(`govhealth: alert ${f.id} to ${f.recipient} via ${f.channel}: ${f.error}${f.retryAt ? ` (retry after ${f.retryAt})` : ' (given up)'}\n`);
        }
        const gaveUp = store.alerts.list({ status: ['gave-up'] });
        if (gaveUp.length) io.stderr.write(`govhealth: ${gaveUp.length} alert(s) were given up after ${config.alerts.maxAttempts} attempts; see their last error with --dry-run off and fix the channel\n`);
      } finally {
        store.close();
      }
    });
};
