// crawl stage, public surface: name resolution with the address guard, the HTTP client, decoding, and the crawl.
export { Resolver, type LookupFunction, type ResolvedAddress } from './resolver.ts';
export { AddressGuard, isPrivateAddress, intranetHostReason } from './address-guard.ts';
export { HttpClient, BROWSER_USER_AGENT, type FetchOptions, type FetchResult } from './http-client.ts';
export { FetchError, classifyFetchError, type FetchErrorKind } from './fetch-error.ts';
export { decodeHtml, charsetFromContentType, charsetFromMeta, type Decoded } from './decode.ts';
export { crawlSite, type SiteCrawlOptions, type SiteCrawlResult, type CrawlProgress } from './site-crawl.ts';
export { runCrawl, enabledChecks, type RunCrawlOptions, type SiteOutcome } from './run-crawl.ts';
export { findChromium, CHROMIUM_ARGS } from './chromium.ts';
export { normalizeUrl } from './url.ts';
