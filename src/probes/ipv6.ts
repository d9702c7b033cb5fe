// probes stage: the public surface of the IPv6 probe (re-exported by probes/index.ts).
export { probeIpv6, ipv6Checks, type Ipv6ProbeDeps } from './ipv6-probe.ts';
export { summariseIpv6, type Ipv6Summary, type Ipv6Share } from './ipv6-summary.ts';
export { kernelRouteCheck, type RouteCheck } from './ipv6-route.ts';
export type {
  HostStatus,
  HostResult,
  ProbeSeries,
  ProbeSample,
  LevelResult,
  FailingLink,
  SiteVerdict,
  SiteIpv6Result,
  Ipv6RunResult,
  Ipv6Check,
} from './ipv6-types.ts';
export type { Consistency } from './ipv6-content.ts';
export type { DnsOverIpv6, NameserverResult } from './ipv6-dns.ts';
