// config stage: settings of the content checks (typos, protected terms, sensitive terms, markings, personal data).
import { z } from 'zod';

const pathList = z.array(z.string().min(1)).default([]);

/** Extra dictionary files, added to the ones in the dictionaries folder. Relative paths resolve against the config file. */
const dictionaryFiles = z.strictObject({
  /** Folder of the shipped dictionaries; default: the project's dictionaries/ folder. */
  dir: z.string().min(1).optional(),
  typoPairs: pathList,
  protectedTerms: pathList,
  sensitiveTerms: pathList,
  allow: pathList,
  userDict: pathList,
});

const attachments = z.strictObject({
  /** Attachments larger than this are reported as `skipped` (not parsed). */
  maxBytes: z.number().int().positive().default(20 * 1024 * 1024),
  /** Text beyond this many characters of one attachment is not checked (reported in the skipped reason). */
  maxChars: z.number().int().positive().default(2_000_000),
  /** A parser still busy after this many milliseconds is stopped and the attachment reported as `skipped`. */
  timeoutMs: z.number().int().positive().default(30_000),
});

/** Settings under `checks.content` in the config. */
export const contentSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  dictionaries: dictionaryFiles.default(dictionaryFiles.parse({})),
  /** Local protected terms: the province's and cities' leaders with titles, local institution names. */
  protectedTerms: z.array(z.string().min(2)).default([]),
  /** Global allow-list phrases (added to dictionaries/allow.txt). */
  allow: z.array(z.string().min(1)).default([]),
  /** Per-site allow-lists: site id → phrases. */
  allowBySite: z.record(z.string(), z.array(z.string().min(1))).default({}),
  /** Number of the current Party Congress (届), used to tell impossible plenum names (二十一届三中全会 in 2026). */
  currentCongress: z.number().int().min(1).max(99).default(20),
  /** Words that, shortly before a mobile number, make it an office line rather than a person's number. */
  officePhoneWords: z
    .array(z.string().min(1))
    .default(['热线', '值班', '咨询电话', '举报电话', '投诉电话', '服务电话', '办公电话', '监督电话', '服务热线', '客服', '传真', '总机', '24小时']),
  attachments: attachments.default(attachments.parse({})),
});

export type ContentSettings = z.infer<typeof contentSettingsSchema>;
