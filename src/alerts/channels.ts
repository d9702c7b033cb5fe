// alerts stage: the channel registry — the one place a channel type is mapped to its file.
import type { ChannelConfig, ChannelType } from '../config/schema-alerts.ts';
import { dingtalk } from './dingtalk.ts';
import { email } from './email.ts';
import { feishu } from './feishu.ts';
import type { Notifier, NotifierContext, NotifierFactory } from './notifier.ts';
import { webhook } from './webhook.ts';
import { wecom } from './wecom.ts';

const FACTORIES: { [T in ChannelType]: NotifierFactory<Extract<ChannelConfig, { type: T }>> } = { email, dingtalk, wecom, feishu, webhook };

/** Builds the notifier of a channel config entry. */
export function createNotifier(config: ChannelConfig, ctx: NotifierContext): Notifier {
  return (FACTORIES[config.type] as NotifierFactory)(config, ctx);
}
