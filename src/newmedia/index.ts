// new-media stage, public surface: platform profiles, reading account mirrors, the listing comparison and the
// per-run survey of a site's accounts (政务新媒体).
export type { PlatformProfile, Post, PostLink, ProfileContext } from './types.ts';
export { loadProfiles, profileFor } from './profiles.ts';
export { parseBySelectors, postDate } from './post-parse.ts';
export { readAccount, newestPost, accountId, closedNotice, type AccountRead } from './read-account.ts';
export { parseListing, compareListing, readListing, normalizeName, type ListingEntry, type ListingRead } from './listing.ts';
export { accountEvidence, postContentFindings, postLinkFindings, POST_CONTENT_CHECKS } from './post-checks.ts';
export { surveyNewmedia, sharedNewmediaSurvey, judgeAccount, type NewmediaSurvey, type AccountJudgement, type AccountState } from './survey.ts';
export { MirrorRenderer } from './render.ts';
export { accountVerdicts, type AccountVerdict } from './account-verdict.ts';
