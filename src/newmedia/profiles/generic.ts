// new-media profile: any platform whose mirror can be read with CSS selectors given in the account's config
// (`selectors: { post, title, date, text, links }`). Without selectors it reads nothing.
import type { PlatformProfile } from '../types.ts';
import { parseBySelectors } from '../post-parse.ts';

export const profile: PlatformProfile = {
  name: 'generic',
  platforms: [],
  title: '政务新媒体',
  render: 'http',
  parse(html, pageUrl, ctx) {
    return ctx.selectors ? parseBySelectors(html, pageUrl, ctx.selectors, ctx) : [];
  },
};
