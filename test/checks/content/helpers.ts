// Test helpers of the content checks: one content service per test file, a check context, a page snapshot.
import { load } from 'cheerio';
import { configSchema } from '../../../src/config/index.ts';
import { contentSettingsSchema, type ContentSettings } from '../../../src/config/schema-content.ts';
import { createContentService, type ContentService } from '../../../src/text/content-service.ts';
import { silentLogger } from '../../../src/log/index.ts';
import type { CheckContext, PageSnapshot } from '../../../src/checks/index.ts';

export function service(settings: Partial<ContentSettings> = {}): ContentService {
  return createContentService(contentSettingsSchema.parse(settings));
}

export function context(svc: ContentService, siteId = 'demo'): CheckContext {
  const config = configSchema.parse({ sites: [{ id: siteId, name: '示范县人民政府', level: '县', homepage: 'http://www.demo.test/' }] });
  return { site: config.sites[0]!, config, now: new Date('2026-11-23T08:00:00Z'), log: silentLogger(), services: { content: svc } } as unknown as CheckContext;
}

export function page(url: string, html: string): PageSnapshot {
  return {
    url,
    finalUrl: url,
    status: 200,
    contentType: 'text/html',
    html,
    $: load(html),
    title: '',
    depth: 1,
    isHomepage: false,
    renderedBy: 'http',
    links: [],
  };
}
