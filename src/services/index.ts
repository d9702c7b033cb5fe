// services stage, public surface: reading a site's 办事指南 (lists, guides, the ten elements) for 服务不实用.
export { ELEMENT_LABELS, LabelSet, hasValue, type LabelHit } from './labels.ts';
export { readGuidePage, type GuideReading } from './guide-page.ts';
export { parseGuideList, type GuideLink, type GuideListPage } from './guide-list.ts';
export { surveyServices, type ServiceSurvey, type GuideListRead, type GuideJudgement } from './survey.ts';
