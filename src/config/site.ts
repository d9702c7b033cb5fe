// config stage: questions about one site's registry entry (its hosts, render mode, URL scope).
import type { SiteConfig } from './schema.ts';

/** Lower-case host names that belong to the site: the homepage host first, then the configured ones. */
export function siteHosts(site: SiteConfig): string[] {
  const home = new URL(site.homepage).hostname.toLowerCase();
  return [home, ...site.hosts.map((h) => h.toLowerCase()).filter((h) => h !== home)];
}

/** Whether a URL is rendered with plain HTTP or the browser: the first matching render rule, else the site's mode. */
export function renderModeFor(site: SiteConfig, url: string): 'http' | 'browser' {
  for (const rule of site.renderRules) if (new RegExp(rule.pattern).test(url)) return rule.render;
  return site.render;
}

/** Whether a URL belongs to the site and passes its include/exclude patterns. */
export function isInScope(site: SiteConfig, url: string, hosts = siteHosts(site)): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (!hosts.includes(parsed.hostname.toLowerCase())) return false;
  if (site.exclude.some((p) => new RegExp(p).test(url))) return false;
  if (site.include.length && !site.include.some((p) => new RegExp(p).test(url))) return false;
  return true;
}
