// config stage: the `alerts` block (who hears about what, over which channel) and the `schedule` block of the
// `serve` service. Secrets are never written here: a channel names the environment variable that holds them.
import { Cron } from 'croner';
import { z } from 'zod';

/** The name of an environment variable (upper case, digits, _). */
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected the NAME of an environment variable (A-Z, 0-9, _), never the secret itself');

const emailChannel = z.strictObject({
  type: z.literal('email'),
  /** Address to send to; defaults to the editor's `email`. */
  to: z.string().email().optional(),
});

const dingtalkChannel = z.strictObject({
  type: z.literal('dingtalk'),
  /** Environment variable holding the robot's webhook URL (it carries the access_token). */
  webhookEnv: envName,
  /** Environment variable holding the robot's signing secret (加签, SEC…), when the robot uses one. */
  secretEnv: envName.optional(),
});

const wecomChannel = z.strictObject({
  type: z.literal('wecom'),
  /** Environment variable holding the 企业微信 group robot's webhook URL (it carries the key). */
  webhookEnv: envName,
});

const feishuChannel = z.strictObject({
  type: z.literal('feishu'),
  /** Environment variable holding the 飞书 custom robot's webhook URL. */
  webhookEnv: envName,
  /** Environment variable holding the robot's signature secret (签名校验), when it uses one. */
  secretEnv: envName.optional(),
});

const webhookChannel = z.strictObject({
  type: z.literal('webhook'),
  /** Environment variable holding the URL that receives the alert as JSON (POST). */
  urlEnv: envName,
  /** Environment variable holding a bearer token sent as `Authorization: Bearer …`. */
  tokenEnv: envName.optional(),
});

export const channelSchema = z.discriminatedUnion('type', [emailChannel, dingtalkChannel, wecomChannel, feishuChannel, webhookChannel]);

/** Channel types, one file each under src/alerts. */
export const CHANNEL_TYPES = ['email', 'dingtalk', 'wecom', 'feishu', 'webhook'] as const;

const smtpSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(465),
  /** TLS from the start (port 465); false for plain or STARTTLS (port 25/587). */
  secure: z.boolean().default(true),
  /** Login user name, when the server needs one. */
  user: z.string().optional(),
  /** Environment variable holding the SMTP password. */
  passwordEnv: envName.optional(),
  /** Sender, e.g. `"政府网站监测" <monitor@example.gov.cn>`. */
  from: z.string().min(1),
});

export const alertsSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Editor id of the supervisor: the last fallback of routing, and who hears when a veto item fires. */
  supervisor: z.string().optional(),
  /** SMTP server for the email channel. */
  smtp: smtpSchema.optional(),
  /**
   * Channels per editor id. An editor without an entry here is reached by email at their `email` (when smtp is
   * set); one with no channel at all passes their alerts on to the site's owner, then the supervisor.
   */
  channels: z.record(z.string(), z.array(channelSchema)).default({}),
  /** Least severe finding that is sent (info findings are usually only listed, not pushed). */
  minSeverity: z.enum(['veto', 'error', 'warning', 'info']).default('warning'),
  /** Working days an editor has to fix a problem (整改期限), counted from when it was first seen. */
  fixWorkingDays: z.number().int().min(1).max(60).default(7),
  /** Send a note when a problem an editor was told about is fixed. */
  resolvedNotices: z.boolean().default(true),
  /** Most problems listed one by one in a chat message (the rest are counted); email lists them all. */
  maxItemsPerChat: z.number().int().min(1).max(100).default(15),
  /** Delivery attempts before an alert is given up (and reported by `govhealth alerts`). */
  maxAttempts: z.number().int().min(1).max(50).default(8),
  /** Delay before the first retry, in minutes; it doubles at each failure. */
  retryBaseMinutes: z.number().min(0).default(5),
  /** Longest delay between retries, in minutes. */
  retryMaxMinutes: z.number().min(1).default(720),
  /** Per-request timeout of webhook and SMTP sends, ms. */
  timeoutMs: z.number().int().positive().default(10000),
});

/** A cron expression croner accepts (5 or 6 fields). */
const cron = z.string().refine((s) => {
  try {
    new Cron(s, { paused: true });
    return true;
  } catch {
    return false;
  }
}, 'expected a cron expression such as "0 1 * * *"');

/** Runs a cron expression makes in the 24 hours after a fixed Monday midnight (in the given zone), counted up to `limit`. */
export function runsPerDay(expr: string, timeZone = 'Asia/Shanghai', limit = 2000): number {
  const c = new Cron(expr, { paused: true, timezone: timeZone });
  const from = new Date('2026-01-05T00:00:00+08:00');
  const to = from.getTime() + 86_400_000;
  let n = 0;
  for (let at = c.nextRun(new Date(from.getTime() - 1)); at && at.getTime() < to && n < limit; at = c.nextRun(at)) n++;
  return n;
}

export const scheduleSettingsSchema = z.strictObject({
  /** Nightly crawl of every site. */
  crawl: cron.default('0 1 * * *'),
  /** Availability probes: at least 20 a day, spread through the day (the 站点无法访问 veto needs them). */
  probe: cron.refine((s) => runsPerDay(s, 'Asia/Shanghai', 20) >= 20, 'expected at least 20 runs a day (站点无法访问: 每天间隔性访问20次以上)').default('*/30 * * * *'),
  /** IPv6 measurement. */
  ipv6: cron.default('0 5 * * *'),
  /** Quarterly report (季度抽查) at the start of each quarter. */
  report: cron.default('0 6 1 1,4,7,10 *'),
  /** Database clean-up. */
  retention: cron.default('30 3 * * *'),
  /** Crawl runs, probes and sent alerts older than this many days are deleted (the newest run of each site stays). */
  retentionDays: z.number().int().min(30).default(400),
  /** How long a shutdown waits for a running job before leaving it to resume at the next start, ms. */
  shutdownGraceMs: z.number().int().min(0).default(30000),
});

export type AlertsSettings = z.infer<typeof alertsSettingsSchema>;
export type ScheduleSettings = z.infer<typeof scheduleSettingsSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
