// alerts stage, public surface: routing to editors, the outbox with dedupe and retries, one file per channel.
export { runAlerts, checkTitles, type RunAlertsOptions, type AlertsRunResult } from './run-alerts.ts';
export { planAlerts, describeDelivery, type PlanOptions, type PlanResult, type PlannedDelivery } from './plan.ts';
export { deliverDue, nextAttempt, type DeliverOptions, type DeliverResult } from './deliver.ts';
export { routeFinding, supervisorRoute, channelsOf, checkAlertsConfig, type Route, type RecipientChannel } from './routing.ts';
export { createNotifier } from './channels.ts';
export { DeliveryError, type Notifier, type NotifierContext, type NotifierFactory, type Recipient } from './notifier.ts';
export { dingtalkSign, signedDingtalkUrl } from './dingtalk.ts';
export { feishuSign } from './feishu.ts';
export { renderText, renderHtml, renderMarkdown } from './render.ts';
export { escapeHtml, escapeMarkdown, safeUrl, clean } from './escape.ts';
export type { AlertMessage, AlertItem, AlertSection } from './message.ts';
