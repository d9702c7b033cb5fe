// config stage: settings of the new-media (政务新媒体) and interaction (互动交流) checks under `checks.newmedia`,
// and the per-site and per-account keys they read (the site's 政务新媒体 listing, its 留言/咨询/信箱 columns,
// CSS selectors for the generic platform profile).
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** CSS selectors that say how to read an account mirror with the `generic` profile (or override a built-in one). */
export const accountSelectorsSchema = z.strictObject({
  /** One element per post. */
  post: z.string().min(1),
  /** Inside a post: its title (default: the first link or heading). */
  title: z.string().min(1).optional(),
  /** Inside a post: its date (text, or a `datetime`/`data-time` attribute). */
  date: z.string().min(1).optional(),
  /** Inside a post: its text (default: the whole post). */
  text: z.string().min(1).optional(),
  /** Inside a post: its links (default: every `a[href]`). */
  links: z.string().min(1).optional(),
});

/** The site's own 政务新媒体 page that lists (and mirrors) its accounts. */
export const newmediaListingSchema = z.strictObject({
  url,
  /** Elements whose text is one account's name (default: links and list rows of the page's main list). */
  selector: z.string().min(1).optional(),
});

/** CSS selectors for an interaction list whose layout the built-in reader does not understand. */
const interactionSelectorsSchema = z.strictObject({
  /** One element per message. */
  row: z.string().min(1),
  /** Inside a row: the question (留言) date. */
  asked: z.string().min(1).optional(),
  /** Inside a row: the reply (答复) date. */
  replied: z.string().min(1).optional(),
  /** Inside a row: the link to the detail page. */
  link: z.string().min(1).optional(),
});

/** A 互动交流 column (留言/咨询/信箱/投诉) of a site. */
export const interactionColumnSchema = z.strictObject({
  /** Stable id; defaults to the name. */
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  url,
  /** 咨询 columns with simple questions use `simpleLimitDays`; the rest `limitDays`. */
  simple: z.boolean().default(false),
  /** Override of the reply limit in working days. */
  limitDays: z.number().int().positive().optional(),
  editor: z.string().optional(),
  selectors: interactionSelectorsSchema.optional(),
});

const interactionSettings = z.strictObject({
  /** Reply limit in working days (交办时限). */
  limitDays: z.number().int().positive().default(5),
  /** Reply limit of simple consultations (浙政办发〔2022〕30号 第7条: 1 个工作日). */
  simpleLimitDays: z.number().int().positive().default(1),
  /** Public holidays (no working day), YYYY-MM-DD. */
  holidays: z.array(day).default([]),
  /** Weekend days that are working days (调休上班), YYYY-MM-DD. */
  workdays: z.array(day).default([]),
  /** List pages read at most per column. */
  maxListPages: z.number().int().min(1).max(50).default(5),
  /** Detail pages opened at most per column to find reply dates the list does not show. */
  maxDetailPages: z.number().int().min(0).max(500).default(50),
  /** Link texts on the homepage that reveal an interaction entry when no column is configured. */
  entryPatterns: z.array(z.string().min(1)).default(['留言', '咨询', '信箱', '互动交流', '我要写信', '投诉建议']),
});

/**
 * Settings under `checks.newmedia`: the new-media and interaction checks. The official numbers (2 weeks for
 * 内容不更新, 3 months and 1 year for 互动回应差) are in config/indicators.yaml, not here.
 */
export const newmediaSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Newest post older than this many days: 僵尸号 (dormant). */
  dormantDays: z.number().int().positive().default(90),
  /** Posts read at most per account (newest first). */
  maxPosts: z.number().int().min(1).max(200).default(20),
  /** Links of posts checked at most per account. */
  maxLinksPerAccount: z.number().int().min(0).max(500).default(50),
  /** Wall-clock cap of a JavaScript-rendered mirror, ms. */
  renderTimeoutMs: z.number().int().positive().default(20000),
  interaction: interactionSettings.default(interactionSettings.parse({})),
});

export type NewmediaSettings = z.infer<typeof newmediaSettingsSchema>;
export type InteractionSettings = NewmediaSettings['interaction'];
export type AccountSelectors = z.infer<typeof accountSelectorsSchema>;
export type InteractionColumnConfig = z.infer<typeof interactionColumnSchema>;
export type NewmediaListingConfig = z.infer<typeof newmediaListingSchema>;
