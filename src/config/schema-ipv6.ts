// config stage: settings of the IPv6 probe (`checks.ipv6`), with the national monitoring practice as defaults.
import { z } from 'zod';

/**
 * Settings of the IPv6 probe. The link-support thresholds (90% / 85%) follow common monitoring practice;
 * they are UNCONFIRMED as official figures, so they are settings rather than constants.
 */
export const ipv6SettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Homepage fetches per host and address family; the success rate is over these. */
  probes: z.number().int().min(1).max(100).default(5),
  /** Share of IPv6 homepage probes that must succeed; below it the host is reported unreachable. */
  minSuccessRate: z.number().min(0).max(1).default(0.9),
  /** 二级链接 IPv6 support rate below which `ipv6.links` is reported. UNCONFIRMED threshold (monitoring practice). */
  level2Threshold: z.number().min(0).max(1).default(0.9),
  /** 三级链接 IPv6 support rate below which `ipv6.links` is reported. UNCONFIRMED threshold (monitoring practice). */
  level3Threshold: z.number().min(0).max(1).default(0.85),
  /** Most links fetched per level (evenly sampled from the sorted list when there are more). */
  maxLinksPerLevel: z.number().int().min(1).max(10_000).default(100),
  /** `ipv6.slow` when the IPv6 median time exceeds the IPv4 one by this factor … */
  slowRatio: z.number().min(1).default(2),
  /** … and by at least this many milliseconds (so loopback or LAN noise is never flagged). */
  slowMinDeltaMs: z.number().int().min(0).default(200),
  /**
   * Largest share of the homepage's main text that may differ between IPv6 and IPv4 (0 = identical,
   * 0.1 = at least 90% of the text shingles shared) before `ipv6.inconsistent` is reported.
   */
  contentTolerance: z.number().min(0).max(1).default(0.1),
  /** Sites probed at once (each alternates its IPv6 and IPv4 fetches, so the latency ratio stays fair). */
  siteConcurrency: z.number().int().min(1).max(64).default(2),
  /** Parallel link fetches of one site. */
  concurrency: z.number().int().min(1).max(32).default(4),
  /** Per-request timeout, ms; defaults to `network.timeoutMs`. */
  timeoutMs: z.number().int().positive().optional(),
});

export type Ipv6Settings = z.infer<typeof ipv6SettingsSchema>;
