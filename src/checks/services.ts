// checks stage: builds the heavy shared services (dictionaries, segmenter …) once per process.
import type { AppConfig } from '../config/index.ts';
import type { CheckServices } from './check.ts';
import { createContentService } from '../text/content-service.ts';

/** Builds the services the enabled checks need. Each stage that adds a service builds it here. */
export async function createServices(config: AppConfig): Promise<CheckServices> {
  const services: CheckServices = {};
  // Content checks: jieba and the dictionaries, loaded once (about 0.5 s).
  if (config.checks.content.enabled) {
    services.content = createContentService(config.checks.content, { configSource: (config as { source?: string }).source });
  }
  return services;
}
