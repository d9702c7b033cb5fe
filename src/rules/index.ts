// rules stage, public surface: the indicators as data, freshness judgement, and the verdict engine.
export { loadIndicators, applyOverrides, classWindow, vetoParam, DEFAULT_INDICATORS_FILE, type Indicators, type VetoIndicator, type DeductionIndicator } from './indicators.ts';
export { judgeColumn, surveySite, sharedSurvey, indicatorsFor, classFromName, type ColumnJudgement, type HomepageJudgement, type SiteSurvey, type FreshnessServices } from './freshness.ts';
export { judgeSite, type SiteVerdict, type VetoResult, type DeductionResult, type VerdictInput, type EvidenceLine, type ItemStatus } from './verdict.ts';
export { runFreshness, runProbe, verdictFromStore, checksRunFor, FRESHNESS_CHECKS, RUN_KINDS, type StageRunOptions } from './run.ts';
export { formatVerdictTable } from './format.ts';
