// probes stage: the share of sites that support IPv6, overall and by government level (省/市/县/部门), for the
// quarterly report. Sites that could not be measured are counted apart, never as unsupported.
import { LEVELS } from '../config/index.ts';
import type { SiteIpv6Result, SiteVerdict } from './ipv6-types.ts';

export interface Ipv6Share {
  /** Sites measured (not-measurable ones excluded). */
  measured: number;
  /** Homepage reachable over IPv6 (supported or partial). */
  reachable: number;
  /** Fully supported: no ipv6.* finding. */
  supported: number;
  notMeasurable: number;
  /** reachable / measured, undefined when nothing was measured. */
  reachableRate?: number;
  supportedRate?: number;
}

export interface Ipv6Summary {
  all: Ipv6Share;
  byLevel: Record<(typeof LEVELS)[number], Ipv6Share>;
}

function share(verdicts: SiteVerdict[]): Ipv6Share {
  const notMeasurable = verdicts.filter((v) => v === 'not-measurable').length;
  const measured = verdicts.length - notMeasurable;
  const supported = verdicts.filter((v) => v === 'supported').length;
  const reachable = supported + verdicts.filter((v) => v === 'partial').length;
  return {
    measured,
    reachable,
    supported,
    notMeasurable,
    ...(measured ? { reachableRate: reachable / measured, supportedRate: supported / measured } : {}),
  };
}

/** Summarises site results overall and per level. */
export function summariseIpv6(results: readonly Pick<SiteIpv6Result, 'level' | 'verdict'>[]): Ipv6Summary {
  const byLevel = Object.fromEntries(
    LEVELS.map((level) => [level, share(results.filter((r) => r.level === level).map((r) => r.verdict))]),
  ) as Ipv6Summary['byLevel'];
  return { all: share(results.map((r) => r.verdict)), byLevel };
}
