// probes stage: the 站点无法访问 rule over a rolling window of probes — veto at failures/probes ≥ 5%, early
// warning above 3%, and an honest "not enough probes" when the window holds fewer than 20 a day.
import type { ProbeWindow } from '../storage/index.ts';
import { vetoParam, type Indicators } from '../rules/indicators.ts';

export interface AvailabilityJudgement {
  state: 'ok' | 'warning' | 'veto' | 'insufficient' | 'no-data';
  window: ProbeWindow;
  windowDays: number;
  /** Probes the rule needs in the window (probes a day × days). */
  required: number;
  failRatio: number;
  warnRatio: number;
  message: string;
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Judges a probe window against the indicator's parameters. Pure. */
export function judgeAvailability(window: ProbeWindow, ind: Indicators): AvailabilityJudgement {
  const id = 'veto.unreachable';
  const windowDays = vetoParam(ind, id, 'windowDays');
  const required = vetoParam(ind, id, 'probesPerDay') * windowDays;
  const failRatio = vetoParam(ind, id, 'failRatio');
  const warnRatio = vetoParam(ind, id, 'warnRatio');
  const base = { window, windowDays, required, failRatio, warnRatio };
  if (!window.probes) return { ...base, state: 'no-data', message: `近 ${windowDays} 天没有可用性监测记录` };
  const ratio = window.ratio!;
  const counts = `${window.failures}/${window.probes} 次打不开（${pct(ratio)}）`;
  if (window.probes < required) {
    return {
      ...base,
      state: 'insufficient',
      message: `近 ${windowDays} 天 ${counts}；监测次数不足 ${required} 次（每天 ${required / windowDays} 次以上），不足以判定`,
    };
  }
  if (ratio >= failRatio) return { ...base, state: 'veto', message: `近 ${windowDays} 天 ${counts}，达到 ${pct(failRatio)} 单项否决标准` };
  if (ratio > warnRatio) return { ...base, state: 'warning', message: `近 ${windowDays} 天 ${counts}，超过 ${pct(warnRatio)} 预警线` };
  return { ...base, state: 'ok', message: `近 ${windowDays} 天 ${counts}` };
}
