// checks stage: builds the heavy shared services (dictionaries, segmenter …) once per process.
import type { AppConfig } from '../config/index.ts';
import type { CheckServices } from './check.ts';

/** Builds the services the enabled checks need. Each stage that adds a service builds it here. */
export async function createServices(_config: AppConfig): Promise<CheckServices> {
  const services: CheckServices = {};
  return services;
}
