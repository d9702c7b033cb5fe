// new-media stage: what a platform profile reads from an account's web mirror (posts with date, title, text and
// links), and the contract every profile implements. One profile a file in ./profiles/.
import type { AccountSelectors } from '../config/schema-newmedia.ts';

/** A link inside a post. */
export interface PostLink {
  url: string;
  anchor: string;
}

/** One post (文章/微博/视频) as a mirror shows it. */
export interface Post {
  title: string;
  /** The post's own page, when the mirror links to it. */
  url?: string;
  /** YYYY-MM-DD in the site's time zone. */
  date?: string;
  time?: string;
  /** Visible text of the post (title and body as shown). */
  text: string;
  links: PostLink[];
}

/** What a profile's parser gets besides the HTML. */
export interface ProfileContext {
  /** Today as YYYY-MM-DD, for year-less and relative dates (3天前, 昨天). */
  today: string;
  /** Selectors from the account's config (required by `generic`, overrides for the others). */
  selectors?: AccountSelectors;
}

/**
 * A platform profile: how to read one platform's mirror pages. `render: 'browser'` mirrors are drawn by script
 * from embedded data and are rendered in Chromium before `parse` sees them.
 */
export interface PlatformProfile {
  /** The name accounts use in `profile:` (or `platform:` when no profile is given). */
  name: string;
  /** Platform names (`platform:` values) this profile reads by default. */
  platforms: string[];
  /** Chinese label for reports, e.g. 微信公众号. */
  title: string;
  render: 'http' | 'browser';
  /** For browser profiles: the element that shows the timeline is drawn (waited for, bounded). */
  readySelector?: string;
  /** Posts of a mirror page, newest first as shown (order is not relied upon). */
  parse(html: string, pageUrl: string, ctx: ProfileContext): Post[];
}
