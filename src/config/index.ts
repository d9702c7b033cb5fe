// config stage, public surface: the registry schema, its types and the loader.
export { configSchema, siteSchema, columnSchema, accountSchema, LEVELS, COLUMN_CLASSES } from './schema.ts';
export type { AppConfig, SiteConfig, ColumnConfig, AccountConfig, NetworkConfig, LinksSettings } from './schema.ts';
export { loadConfig, parseConfig, type LoadedConfig, type LoadOptions } from './load.ts';
export { siteHosts, renderModeFor, isInScope } from './site.ts';
