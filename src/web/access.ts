// web stage: who may see what. A supervisor sees every site; an editor sees the sites they own whole, and on other
// sites only the columns and accounts assigned to them — never another unit's findings.
import type { Finding } from '../checks/check.ts';
import type { AppConfig, SiteConfig } from '../config/index.ts';
import type { WebUser } from '../storage/index.ts';

/** The signed-in person as the pages see them. */
export interface Viewer {
  name: string;
  role: WebUser['role'];
  editorId?: string;
}

/** What a viewer may see of one site: everything, or some columns and accounts (by name). */
export interface SiteScope {
  site: SiteConfig;
  whole: boolean;
  columns: Set<string>;
  accounts: Set<string>;
}

/** The scope of a viewer on a site, or undefined when the site is not theirs at all. */
export function siteScope(viewer: Viewer, site: SiteConfig): SiteScope | undefined {
  if (viewer.role === 'supervisor') return { site, whole: true, columns: new Set(), accounts: new Set() };
  const me = viewer.editorId;
  if (!me) return undefined;
  if (site.owner === me) return { site, whole: true, columns: new Set(), accounts: new Set() };
  const columns = new Set(site.columns.filter((c) => c.editor === me).map((c) => c.name));
  const accounts = new Set(site.accounts.filter((a) => a.editor === me).map((a) => a.name));
  return columns.size || accounts.size ? { site, whole: false, columns, accounts } : undefined;
}

/** The sites a viewer may open, with their scopes, in registry order. */
export function visibleSites(viewer: Viewer, config: AppConfig): SiteScope[] {
  return config.sites.map((s) => siteScope(viewer, s)).filter((s): s is SiteScope => s !== undefined);
}

/** Whether a finding falls in a scope. */
export function inScope(scope: SiteScope, f: Pick<Finding, 'siteId' | 'column' | 'account'>): boolean {
  if (f.siteId !== scope.site.id) return false;
  if (scope.whole) return true;
  return (f.column !== undefined && scope.columns.has(f.column)) || (f.account !== undefined && scope.accounts.has(f.account));
}

/** Whether a column (by name) is visible in a scope. */
export function columnInScope(scope: SiteScope, columnName: string): boolean {
  return scope.whole || scope.columns.has(columnName);
}

/** The editor responsible for a finding: its column's or account's editor, else the site's owner. */
export function editorOf(site: SiteConfig, f: Pick<Finding, 'column' | 'account'>): string | undefined {
  const col = f.column !== undefined ? site.columns.find((c) => c.name === f.column || c.id === f.column) : undefined;
  if (col?.editor) return col.editor;
  const acc = f.account !== undefined ? site.accounts.find((a) => a.name === f.account || a.id === f.account) : undefined;
  if (acc?.editor) return acc.editor;
  return site.owner;
}
