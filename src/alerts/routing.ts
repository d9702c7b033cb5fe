// alerts stage: who hears about a finding — the editor of its column or account, else the site's owner, else the
// supervisor — and over which channels. An editor with no channel passes the alert on down the chain.
import type { Finding } from '../checks/check.ts';
import type { AppConfig, SiteConfig } from '../config/index.ts';
import type { ChannelConfig } from '../config/schema-alerts.ts';
import { ConfigError } from '../errors/index.ts';
import type { Recipient } from './notifier.ts';

/** A channel of a recipient, with the key deliveries are recorded under (`<editor>#<n>:<type>`). */
export interface RecipientChannel {
  key: string;
  config: ChannelConfig;
}

export interface Route {
  recipient: Recipient;
  channels: RecipientChannel[];
  /** How the recipient was chosen. */
  via: 'editor' | 'owner' | 'supervisor';
}

/** The recipient of an editor id from the registry. */
export function recipientOf(config: AppConfig, editorId: string): Recipient | undefined {
  const e = config.editors.find((x) => x.id === editorId);
  return e && { id: e.id, name: e.name, ...(e.email ? { email: e.email } : {}) };
}

/** Channels of an editor: those configured under `alerts.channels`, else email to their address when SMTP is set. */
export function channelsOf(config: AppConfig, editorId: string): RecipientChannel[] {
  const listed = config.alerts.channels[editorId];
  if (listed) return listed.map((c, i) => ({ key: `${editorId}#${i}:${c.type}`, config: c }));
  const e = config.editors.find((x) => x.id === editorId);
  return e?.email && config.alerts.smtp ? [{ key: `${editorId}#email`, config: { type: 'email' } }] : [];
}

/** The channel recorded under a key, from the current config (undefined when it was removed). */
export function channelByKey(config: AppConfig, key: string): RecipientChannel | undefined {
  const editorId = key.slice(0, key.lastIndexOf('#'));
  return channelsOf(config, editorId).find((c) => c.key === key);
}

function routeTo(config: AppConfig, editorId: string | undefined, via: Route['via']): Route | undefined {
  if (!editorId) return undefined;
  const recipient = recipientOf(config, editorId);
  if (!recipient) return undefined;
  const channels = channelsOf(config, editorId);
  return channels.length ? { recipient, channels, via } : undefined;
}

/** The route of one editor, when they have a channel. */
export function routeToEditor(config: AppConfig, editorId: string): Route | undefined {
  return routeTo(config, editorId, 'editor');
}

/** The editor id named for a finding's column or account. */
export function editorOfFinding(site: SiteConfig, f: Pick<Finding, 'column' | 'account'>): string | undefined {
  if (f.column) {
    const c = site.columns.find((x) => x.name === f.column || x.id === f.column);
    if (c?.editor) return c.editor;
  }
  if (f.account) {
    const a = site.accounts.find((x) => x.name === f.account || x.id === f.account);
    if (a?.editor) return a.editor;
  }
  return undefined;
}

/** Where a finding goes: editor → owner → supervisor, the first with a channel. */
export function routeFinding(config: AppConfig, site: SiteConfig, f: Pick<Finding, 'column' | 'account'>): Route | undefined {
  return routeTo(config, editorOfFinding(site, f), 'editor') ?? routeTo(config, site.owner, 'owner') ?? routeTo(config, config.alerts.supervisor, 'supervisor');
}

/** The supervisor's route (escalations), when one is configured with a channel. */
export function supervisorRoute(config: AppConfig): Route | undefined {
  return routeTo(config, config.alerts.supervisor, 'supervisor');
}

/** References of the alerts block to editors that do not exist: a ConfigError naming each key. */
export function checkAlertsConfig(config: AppConfig): void {
  const ids = new Set(config.editors.map((e) => e.id));
  const problems: string[] = [];
  if (config.alerts.supervisor && !ids.has(config.alerts.supervisor)) problems.push(`alerts.supervisor: editor "${config.alerts.supervisor}" is not listed under editors`);
  for (const id of Object.keys(config.alerts.channels)) if (!ids.has(id)) problems.push(`alerts.channels.${id}: editor "${id}" is not listed under editors`);
  const usesEmail = Object.values(config.alerts.channels).some((list) => list.some((c) => c.type === 'email'));
  if (usesEmail && !config.alerts.smtp) problems.push('alerts.smtp: an email channel is configured but alerts.smtp is not set');
  if (problems.length) throw new ConfigError('the alerts configuration is not valid', problems);
}
