// config stage: settings of the 办事服务 check (service.guide, 服务不实用) under `checks.services`, and the per-site
// `services` block that says where a site's 办事指南 are. The veto's numbers (missing elements, guides) are in
// config/indicators.yaml (veto.service), not here.
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** The ten elements of a 办事指南 (国办秘函〔2019〕19号, 服务不实用), in the indicators' order. */
export const GUIDE_ELEMENTS = ['事项名称', '设定依据', '申请条件', '办理材料', '办理地点', '办理机构', '收费标准', '办理时间', '联系电话', '办理流程'] as const;
export type GuideElement = (typeof GUIDE_ELEMENTS)[number];

/** CSS selectors for guide lists and guide pages whose layout the built-in reader does not understand. */
const serviceSelectorsSchema = z.strictObject({
  /** On a list page: one element per guide (default: the rows of the page's main list of links). */
  guide: z.string().min(1).optional(),
  /** Inside a guide element: the link to the guide (default: its first link). */
  link: z.string().min(1).optional(),
  /** On a guide page: the element holding the guide (default: the page without navigation, header and footer). */
  content: z.string().min(1).optional(),
});

/** Where a site's 办事指南 are: the site's `services` block. A site without one is not assessed for 服务不实用. */
export const siteServicesSchema = z.strictObject({
  /** List pages of the 办事指南 (pagination is followed up to checks.services.maxListPages). */
  lists: z.array(url).min(1, 'expected at least one list page URL'),
  selectors: serviceSelectorsSchema.optional(),
  /** Guides read at most for this site (default: checks.services.maxGuides). */
  maxGuides: z.number().int().min(1).max(1000).optional(),
});

/** Settings under `checks.services`. */
export const servicesSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Guides read at most per site, over all its lists. */
  maxGuides: z.number().int().min(1).max(1000).default(30),
  /** Pages of one guide list followed at most (pagination). */
  maxListPages: z.number().int().min(1).max(50).default(5),
  /** Labels a site uses for an element beyond the built-in synonyms, e.g. { 办理地点: [服务窗口] }. */
  extraLabels: z.partialRecord(z.enum(GUIDE_ELEMENTS), z.array(z.string().min(1))).default({}),
});

export type ServicesSettings = z.infer<typeof servicesSettingsSchema>;
export type SiteServicesConfig = z.infer<typeof siteServicesSchema>;
