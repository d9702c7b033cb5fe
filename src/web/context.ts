// web stage: what every route gets — the config, the store, the clock, and the heavy services built once.
import { CHECKS } from '../checks/index.ts';
import type { LoadedConfig } from '../config/index.ts';
import type { WebSettings } from '../config/schema-web.ts';
import { FRESHNESS_CHECKS, indicatorsFor, type Indicators } from '../rules/index.ts';
import type { Store } from '../storage/index.ts';
import { createContentService, type ContentService } from '../text/content-service.ts';

/** Dependencies of the dashboard, passed in (tests give their own clock and a prebuilt content service). */
export interface WebContext {
  config: LoadedConfig;
  store: Store;
  settings: WebSettings;
  /** The clock verdicts are judged at. */
  now(): Date;
  /** The content engine of the crawler (built on first use). */
  contentService(): Promise<ContentService>;
  indicators(): Indicators;
  /** Ids of every check the product implements. */
  registered: string[];
  /** Chinese title of a check id (the id itself when unknown). */
  checkTitle(id: string): string;
}

export interface WebContextOptions {
  config: LoadedConfig;
  store: Store;
  now?: () => Date;
  contentService?: ContentService;
}

/** Builds the context of the dashboard. */
export function createWebContext(o: WebContextOptions): WebContext {
  let content: Promise<ContentService> | undefined = o.contentService ? Promise.resolve(o.contentService) : undefined;
  let indicators: Indicators | undefined;
  const all = [...CHECKS, ...FRESHNESS_CHECKS];
  const titles = new Map(all.map((c) => [c.id, c.title]));
  return {
    config: o.config,
    store: o.store,
    settings: o.config.web,
    now: o.now ?? (() => new Date()),
    contentService: () => (content ??= Promise.resolve().then(() => createContentService(o.config.checks.content, { configSource: o.config.source }))),
    indicators: () => (indicators ??= indicatorsFor(o.config)),
    registered: [...new Set(all.map((c) => c.id))],
    checkTitle: (id) => titles.get(id) ?? id,
  };
}
