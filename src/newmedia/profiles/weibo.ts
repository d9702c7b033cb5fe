// new-media profile: a Weibo-like timeline, drawn by script from data embedded in the page (the HTML alone holds
// no posts), so it is read after rendering in Chromium: one `.card-wrap`/`.wb-card` per post, `.time` for the date
// (absolute, or relative such as 3小时前, 昨天 10:30), `.weibo-text` for the text.
import type { PlatformProfile } from '../types.ts';
import { parseBySelectors } from '../post-parse.ts';

export const profile: PlatformProfile = {
  name: 'weibo',
  platforms: ['weibo', '微博', '新浪微博'],
  title: '微博',
  render: 'browser',
  readySelector: '.card-wrap, .wb-card',
  parse(html, pageUrl, ctx) {
    return parseBySelectors(
      html,
      pageUrl,
      { post: '.card-wrap, .wb-card', title: '.weibo-text', date: '.time, .from, time', text: '.weibo-text', ...ctx.selectors },
      ctx,
    );
  },
};
