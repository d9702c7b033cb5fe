// probes stage: the shape of an IPv6 measurement — per host, per link level, per site and per run. Results
// are data: "could not be measured" is a status of its own and never counts against a site.
import type { Check, FindingDraft } from '../checks/check.ts';
import type { SiteConfig } from '../config/index.ts';
import type { Ipv6Settings } from '../config/schema-ipv6.ts';
import type { Consistency } from './ipv6-content.ts';
import type { DnsOverIpv6 } from './ipv6-dns.ts';

/**
 * What IPv6 looks like for one host:
 * - `ok`: AAAA present and the homepage answers over IPv6 at least `minSuccessRate` of the time;
 * - `no-aaaa`: the name has A but no AAAA record (no IPv6 at all);
 * - `unreachable`: AAAA present but the homepage does not (reliably) answer over IPv6;
 * - `not-measurable`: the probe could not judge (no IPv6 route on the probing machine, DNS failure, or the
 *   host does not answer over IPv4 either) — never counted against the site.
 */
export type HostStatus = 'ok' | 'no-aaaa' | 'unreachable' | 'not-measurable';

/** One fetch of a homepage over one family. */
export interface ProbeSample {
  status?: number;
  /** FetchError kind (`refused`, `reset`, `timeout`, `dns`, `private-address` …) or `http-<status>`. */
  error?: string;
  message?: string;
  ttfbMs?: number;
  totalMs?: number;
}

/** Repeated fetches of a homepage over one family. */
export interface ProbeSeries {
  family: 4 | 6;
  attempts: number;
  successes: number;
  successRate: number;
  /** Medians over the successful fetches, ms (undefined when none succeeded). */
  ttfbMedianMs?: number;
  totalMedianMs?: number;
  samples: ProbeSample[];
}

export interface HostResult {
  host: string;
  /** The URL probed: the site's homepage for its first host, the root of the other hosts. */
  url: string;
  isHomepageHost: boolean;
  status: HostStatus;
  /** Why it is not measurable or unreachable, in Chinese for supervisors. */
  reason?: string;
  /** Why it is not measurable, as a code: `no-route`, `dns`, `ipv4-down`. */
  notMeasurable?: 'no-route' | 'dns' | 'ipv4-down';
  aaaa: string[];
  a: string[];
  /** The IPv6 address the probes connected to. */
  address?: string;
  v6?: ProbeSeries;
  v4?: ProbeSeries;
  consistency?: Consistency;
  /** IPv6 median total time / IPv4 median total time. */
  latencyRatio?: number;
  /** Homepage host only: whether an IPv6-only client can resolve it (zone name servers over IPv6). */
  dns6?: DnsOverIpv6;
}

/** A link that did not work over IPv6. */
export interface FailingLink {
  url: string;
  status?: number;
  error?: string;
}

/** IPv6 support of the links of one level (2 = 二级, 3 = 三级). */
export interface LevelResult {
  level: 2 | 3;
  /** Same-site links found at this level that work over IPv4. */
  found: number;
  /** Links fetched over IPv6 (found, sampled down to maxLinksPerLevel). */
  tested: number;
  supported: number;
  /** supported / tested; undefined when there was nothing to test. */
  rate?: number;
  threshold: number;
  failing: FailingLink[];
  /** Links left out because the crawl saw them fail over IPv4 too. */
  brokenOverIpv4: string[];
}

/** Overall judgement of a site. */
export type SiteVerdict = 'supported' | 'partial' | 'unsupported' | 'not-measurable';

export interface SiteIpv6Result {
  siteId: string;
  name: string;
  level: SiteConfig['level'];
  homepage: string;
  measuredAt: string;
  verdict: SiteVerdict;
  hosts: HostResult[];
  /** Link levels, or undefined when there is no finished crawl (then `notes` says so) or nothing to measure. */
  links?: { crawlRunId: number; level2: LevelResult; level3: LevelResult };
  notes: string[];
  findings: FindingDraft[];
}

/** Everything one probe run measured. */
export interface Ipv6RunResult {
  measuredAt: string;
  /** IPv6 addresses the probing machine had no route to; non-empty means some results are not measurable. */
  unrouted: string[];
  /** One line said once when the machine has no IPv6 route (empty otherwise). */
  notice?: string;
  sites: SiteIpv6Result[];
}

/** A check whose findings come from the IPv6 probe's results rather than from crawled pages. */
export interface Ipv6Check extends Check {
  fromProbe(result: Omit<SiteIpv6Result, 'findings' | 'verdict'>, settings: Ipv6Settings): FindingDraft[];
}
