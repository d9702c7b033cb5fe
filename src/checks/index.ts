// checks stage, public surface: the registry — the one place a check is listed.
import type { Check } from './check.ts';
import { linkBroken } from './link-broken.ts';
import { linkWrong } from './link-wrong.ts';
import { linkHidden } from './link-hidden.ts';
import { ipv6NoAaaa } from './ipv6-no-aaaa.ts';
import { ipv6Unreachable } from './ipv6-unreachable.ts';
import { ipv6Inconsistent } from './ipv6-inconsistent.ts';
import { ipv6Links } from './ipv6-links.ts';
import { ipv6Slow } from './ipv6-slow.ts';

import { typoSerious } from './typo-serious.ts';
import { typoProtected } from './typo-protected.ts';
import { sensitiveTerm } from './sensitive-term.ts';
import { secretMarking } from './secret-marking.ts';
import { privacyIdNumber } from './privacy-id-number.ts';
import { privacyPhone } from './privacy-phone.ts';
import { privacyBankCard } from './privacy-bank-card.ts';
import { attachmentUnreadable } from './attachment-unreadable.ts';
import { columnStale } from './column-stale.ts';
import { columnBlank } from './column-blank.ts';
import { columnWarning } from './column-warning.ts';
import { homepageStale } from './homepage-stale.ts';
import { availability } from './availability.ts';
import { newmediaStale } from './newmedia-stale.ts';
import { newmediaDormant } from './newmedia-dormant.ts';
import { newmediaUnlisted } from './newmedia-unlisted.ts';
import { newmediaBroken } from './newmedia-broken.ts';
import { interactionSlow } from './interaction-slow.ts';
import { interactionUnanswered } from './interaction-unanswered.ts';
import { interactionMissing } from './interaction-missing.ts';
import { serviceGuide } from './service-guide.ts';
import { dateFuture } from './date-future.ts';

export * from './check.ts';
export { createServices } from './services.ts';

/** Every check the product runs. The CLI list, config keys and dashboard labels derive from this array. */
export const CHECKS: readonly Check[] = [
  linkBroken,
  linkWrong,
  linkHidden,
  columnStale,
  columnBlank,
  columnWarning,
  homepageStale,
  dateFuture,
  availability,
  ipv6NoAaaa,
  ipv6Unreachable,
  ipv6Inconsistent,
  ipv6Links,
  ipv6Slow,
  newmediaStale,
  newmediaDormant,
  newmediaUnlisted,
  newmediaBroken,
  interactionSlow,
  interactionUnanswered,
  interactionMissing,
  serviceGuide,
  typoSerious,
  typoProtected,
  sensitiveTerm,
  secretMarking,
  privacyIdNumber,
  privacyPhone,
  privacyBankCard,
  attachmentUnreadable,
];

/** Throws at start-up when two checks share an id (a registry mistake, not a user error). */
export function assertUniqueIds(checks: readonly Check[]): void {
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.id)) throw new Error(`duplicate check id ${c.id} in the check registry`);
    seen.add(c.id);
  }
}
assertUniqueIds(CHECKS);

/** The check with this id, or undefined. */
export function checkById(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
