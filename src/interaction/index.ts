// interaction stage, public surface: reading 留言/咨询/信箱 columns, working days, judging replies, and the
// response-time statistics per site (median, 90th percentile, share within limit) for the verdict and the report.
export { isWorkingDay, workingDaysBetween, type WorkCalendar } from './workdays.ts';
export { readInteraction, parseInteractionList, parseMessageDetail, type Message, type InteractionRead } from './reader.ts';
export { judgeMessage, responseStats, statsFromFindings, STATS_KEY, type MessageJudgement, type MessageState, type ResponseStats } from './judge.ts';
export { surveyInteraction, sharedInteractionSurvey, discoverEntries, type InteractionSurvey, type ChannelJudgement } from './survey.ts';
