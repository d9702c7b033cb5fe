// config stage: the strict schema of the site registry (YAML). Unknown keys are errors.
import { z } from 'zod';
import { contentSettingsSchema } from './schema-content.ts';
import { freshnessSettingsSchema } from './schema-freshness.ts';
import { ipv6SettingsSchema } from './schema-ipv6.ts';
import { accountSelectorsSchema, interactionColumnSchema, newmediaListingSchema, newmediaSettingsSchema } from './schema-newmedia.ts';
import { alertsSettingsSchema, scheduleSettingsSchema } from './schema-alerts.ts';
import { reportSettingsSchema } from './schema-report.ts';
import { servicesSettingsSchema, siteServicesSchema } from './schema-services.ts';
import { webSettingsSchema } from './schema-web.ts';

/** Government levels used for sampling and reporting. */
export const LEVELS = ['省', '市', '县', '部门'] as const;

/** Column classes of the indicators, each with an update window (see config/indicators.yaml). */
export const COLUMN_CLASSES = ['动态要闻', '通知公告', '政策文件', '人事', '规划计划', '专题', '其他'] as const;

const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

const renderMode = z.enum(['http', 'browser']);

/** A regular expression given as a string; validated at load. */
const regex = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'expected a valid regular expression');

const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[0-9.]+|[0-9a-fA-F:]+)(:\d{1,5})?$/, 'expected an IP address with an optional :port');

const cidr = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'expected a CIDR range such as 10.0.0.0/8 or fc00::/7');

export const columnSchema = z.strictObject({
  /** Stable id; defaults to the name. */
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  url,
  class: z.enum(COLUMN_CLASSES).default('其他'),
  /** Override of the class's update window, in days. */
  windowDays: z.number().int().positive().optional(),
  /** Editor id (see `editors`) responsible for the column. */
  editor: z.string().optional(),
  /** Top-level column (一级栏目): the indicators count stale notice/policy columns only at top level. */
  topLevel: z.boolean().default(true),
});

export const accountSchema = z.strictObject({
  id: z.string().min(1).optional(),
  platform: z.string().min(1),
  name: z.string().min(1),
  url,
  editor: z.string().optional(),
  /** Platform profile name; defaults to the platform. */
  profile: z.string().optional(),
  /** CSS selectors for the `generic` profile (see schema-newmedia.ts). */
  selectors: accountSelectorsSchema.optional(),
});

const renderRule = z.strictObject({
  /** Regular expression matched against the full URL. */
  pattern: regex,
  render: renderMode,
});

const politeness = z.strictObject({
  /** Parallel requests to one host. */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Pause between requests to one host, in milliseconds. */
  delayMs: z.number().int().min(0).default(0),
});

const limits = z.strictObject({
  maxPages: z.number().int().positive().default(5000),
  maxDepth: z.number().int().min(0).default(8),
});

export const siteSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected lower-case letters, digits, - or _'),
  name: z.string().min(1),
  /** 网站标识码 */
  code: z.string().min(1).optional(),
  level: z.enum(LEVELS),
  /** 地区/主管单位, shown in reports. */
  region: z.string().optional(),
  homepage: url,
  /** Other host names that belong to the site (e.g. the 信息公开 platform). */
  hosts: z.array(z.string().min(1)).default([]),
  /** Editor id of the site's owner: alerts fall back to them. */
  owner: z.string().optional(),
  render: renderMode.default('http'),
  renderRules: z.array(renderRule).default([]),
  politeness: politeness.optional(),
  limits: limits.optional(),
  /** Only URLs matching one of these (when given) are crawled. */
  include: z.array(regex).default([]),
  /** URLs matching any of these are neither crawled nor checked. */
  exclude: z.array(regex).default([]),
  columns: z.array(columnSchema).default([]),
  accounts: z.array(accountSchema).default([]),
  /** The site's 政务新媒体 page listing its accounts (compared with `accounts`). */
  newmediaListing: newmediaListingSchema.optional(),
  /** 互动交流 columns (留言/咨询/信箱); none: discovered from the homepage. */
  interaction: z.array(interactionColumnSchema).default([]),
  /** Where the site's 办事指南 are; none: 服务不实用 is not assessed for the site. */
  services: siteServicesSchema.optional(),
});

const editorSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.string().optional(),
});

const networkSchema = z.strictObject({
  /** DNS servers used for every lookup the product makes (host:port). Empty: the system resolver. */
  dnsServers: z.array(hostPort).default([]),
  /** Static host name → IP address map, consulted before DNS. */
  hosts: z.record(z.string(), z.string()).default({}),
  /**
   * Private, loopback and link-local ranges the product may connect to. By default none: a name that resolves
   * into such a range is reported, never fetched. Sites inside a government intranet list their range here.
   */
  allowPrivate: z.array(cidr).default([]),
  /** HTTP(S) proxy for outgoing requests. */
  proxy: url.optional(),
  userAgent: z.string().default('Mozilla/5.0 (compatible; govhealth/0.1; +https://github.com/govhealth)'),
  /** Per-request timeout, ms. */
  timeoutMs: z.number().int().positive().default(15000),
});

const crawlSchema = z.strictObject({
  politeness: politeness.default({ concurrency: 4, delayMs: 0 }),
  limits: limits.default({ maxPages: 5000, maxDepth: 8 }),
  /** Retries of a failed page fetch (network errors and 5xx), with backoff. */
  retries: z.number().int().min(0).max(10).default(2),
  /** Total parallel page fetches of one crawl. */
  maxConcurrency: z.number().int().min(1).max(200).default(20),
  /** Path of the Chromium executable; defaults to $GOVHEALTH_CHROMIUM, /usr/bin/chromium, then Playwright's. */
  chromium: z.string().optional(),
  /** Wall-clock cap of one browser page, ms. */
  browserTimeoutMs: z.number().int().positive().default(30000),
});

const linksSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Check links to other sites too. */
  external: z.boolean().default(true),
  /** Parallel requests to one external host. */
  externalConcurrencyPerHost: z.number().int().min(1).max(16).default(2),
  /** Phrases that make an HTTP 200 page a soft 404 (页面不存在 …), matched in the title or a short page. */
  soft404Phrases: z
    .array(z.string().min(1))
    .default(['页面不存在', '页面已删除', '页面未找到', '找不到页面', '您访问的页面不存在', '该页面已被删除', '信息已删除', '404 Not Found', 'Page Not Found', '404错误']),
  /** A page longer than this many visible characters is a real page even if it mentions a soft-404 phrase. */
  soft404MaxTextLength: z.number().int().positive().default(600),
  /** File extensions treated as attachments (checked, not crawled). */
  attachmentExtensions: z
    .array(z.string())
    .default(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'wps', 'et', 'zip', 'rar', '7z', 'txt', 'csv', 'ofd']),
});

const checksSchema = z.strictObject({
  links: linksSchema.default(linksSchema.parse({})),
  content: contentSettingsSchema.default(contentSettingsSchema.parse({})),
  freshness: freshnessSettingsSchema.default(freshnessSettingsSchema.parse({})),
  ipv6: ipv6SettingsSchema.default(ipv6SettingsSchema.parse({})),
  newmedia: newmediaSettingsSchema.default(newmediaSettingsSchema.parse({})),
  services: servicesSettingsSchema.default(servicesSettingsSchema.parse({})),
});

export const configSchema = z.strictObject({
  /** Data folder (database, crawl state). Overridden by $GOVHEALTH_DATA_DIR and --data-dir. */
  dataDir: z.string().default('./data'),
  /** Time zone the checks judge dates in. */
  timeZone: z.string().default('Asia/Shanghai'),
  network: networkSchema.default(networkSchema.parse({})),
  crawl: crawlSchema.default(crawlSchema.parse({})),
  checks: checksSchema.default(checksSchema.parse({})),
  report: reportSettingsSchema.default(reportSettingsSchema.parse({})),
  web: webSettingsSchema.default(webSettingsSchema.parse({})),
  editors: z.array(editorSchema).default([]),
  alerts: alertsSettingsSchema.default(alertsSettingsSchema.parse({})),
  schedule: scheduleSettingsSchema.default(scheduleSettingsSchema.parse({})),
  sites: z.array(siteSchema).min(1, 'expected at least one site'),
});

export type AppConfig = z.infer<typeof configSchema>;
export type SiteConfig = z.infer<typeof siteSchema>;
export type ColumnConfig = z.infer<typeof columnSchema>;
export type AccountConfig = z.infer<typeof accountSchema>;
export type NetworkConfig = AppConfig['network'];
export type LinksSettings = AppConfig['checks']['links'];
