// probes stage: 二级/三级 link IPv6 support — each same-site link of a level fetched over IPv6 only; the share
// that answers, and the failing URLs.
import PQueue from 'p-queue';
import type { HttpClient } from '../crawl/index.ts';
import { failureKind } from './ipv6-client.ts';
import type { LevelLinks } from './ipv6-link-levels.ts';
import type { FailingLink, LevelResult } from './ipv6-types.ts';

/** Fetches one link over IPv6; a status ≥ 400 after redirects, or no answer, is a failure. Retries once on a timeout or reset. */
async function tryLink(client: HttpClient, url: string): Promise<FailingLink | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await client.fetch(url, { maxBytes: 64 * 1024 });
      return r.status >= 400 ? { url, status: r.status, error: `http-${r.status}` } : undefined;
    } catch (err) {
      const kind = failureKind(err);
      if (attempt === 0 && (kind === 'timeout' || kind === 'reset')) continue;
      return { url, error: kind };
    }
  }
}

/** Measures one level's links over IPv6 with the given client (pinned to IPv6). */
export async function measureLevel(
  level: 2 | 3,
  links: LevelLinks,
  client: HttpClient,
  threshold: number,
  concurrency: number,
): Promise<LevelResult> {
  const queue = new PQueue({ concurrency });
  const failing = (await Promise.all(links.urls.map((url) => queue.add(() => tryLink(client, url))))).filter(
    (f): f is FailingLink => f !== undefined,
  );
  failing.sort((a, b) => a.url.localeCompare(b.url));
  const tested = links.urls.length;
  const supported = tested - failing.length;
  return {
    level,
    found: links.found,
    tested,
    supported,
    ...(tested ? { rate: supported / tested } : {}),
    threshold,
    failing,
    brokenOverIpv4: links.brokenOverIpv4,
  };
}
