// new-media profile: a WeChat-official-account-like article list in plain HTML (the weui message list of a
// 公众号's history page, or a site's mirror of it): one `.appmsg` per article, date in `.weui_media_extra_info`
// or `data-time` (Unix seconds).
import type { PlatformProfile } from '../types.ts';
import { parseBySelectors } from '../post-parse.ts';

export const profile: PlatformProfile = {
  name: 'wechat',
  platforms: ['wechat', 'weixin', '微信', '微信公众号'],
  title: '微信公众号',
  render: 'http',
  parse(html, pageUrl, ctx) {
    return parseBySelectors(
      html,
      pageUrl,
      {
        post: '.appmsg, .weui_media_box, .weui-media-box',
        title: '.weui_media_title, .weui-media-box__title',
        date: '.weui_media_extra_info, .weui-media-box__info, time',
        text: '.weui_media_title, .weui-media-box__title, .weui_media_desc, .weui-media-box__desc',
        ...ctx.selectors,
      },
      ctx,
    );
  },
};
