import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/check.ts';
import { siteSchema } from '../../src/config/index.ts';
import { applyOverrides, judgeSite, loadIndicators, type VerdictInput } from '../../src/rules/index.ts';
import type { ProbeWindow } from '../../src/storage/index.ts';

const ind = loadIndicators();
const site = siteSchema.parse({ id: 'demo', name: '演示县人民政府', level: '县', homepage: 'http://127.0.0.1/' });
const ALL_RUN = ['column.stale', 'column.blank', 'column.warning', 'homepage.stale', 'availability', 'link.broken', 'link.wrong'];
let n = 0;

function finding(check: string, over: Partial<Finding> = {}, evidence: Record<string, unknown> = {}): Finding {
  n++;
  return {
    id: `f-${n}`,
    siteId: 'demo',
    check,
    key: over.key ?? `k${n}`,
    severity: 'error',
    certainty: 'certain',
    url: `http://127.0.0.1/p${n}.html`,
    evidence: { message: `${check} #${n}`, ...evidence },
    firstSeen: '2026-11-20T00:00:00Z',
    lastSeen: '2026-11-20T00:00:00Z',
    status: 'open',
    pageCount: 1,
    ...over,
  };
}

const goodWindow = (probes = 140, failures = 0): ProbeWindow => ({
  from: '2026-11-13T00:00:00Z',
  to: '2026-11-20T00:00:00Z',
  probes,
  failures,
  ratio: failures / probes,
  byFailure: failures ? { timeout: failures } : {},
  perDay: {},
  failed: [],
});

const input = (over: Partial<VerdictInput> = {}): VerdictInput => ({
  site,
  now: new Date('2026-11-20T02:00:00Z'),
  indicators: ind,
  findings: [],
  probeWindow: goodWindow(),
  checksRun: ALL_RUN,
  hasPublicServices: true,
  ...over,
});

const brokenLinks = (count: number, onHomepage: boolean, certainty: 'certain' | 'suspected' = 'certain') =>
  Array.from({ length: count }, () => finding('link.broken', { onHomepage, certainty, target: `http://127.0.0.1/missing${n}.html` }));

describe('verdict engine', () => {
  it('the indicators file carries every threshold of the spec, with sources', () => {
    expect(ind.columnClasses.动态要闻.windowDays).toBe(14);
    expect(ind.columnClasses.通知公告.windowDays).toBe(180);
    expect(ind.columnClasses.人事.windowDays).toBe(365);
    expect(ind.columnClasses.专题.exempt).toBe(true);
    expect(ind.veto.find((v) => v.id === 'veto.unreachable')!.params).toMatchObject({ windowDays: 7, probesPerDay: 20, timeoutSeconds: 15, failRatio: 0.05, warnRatio: 0.03 });
    expect(ind.veto.find((v) => v.id === 'veto.column-stale')!.params).toMatchObject({ staleCount: 5, longStaleCount: 10, blankCount: 5, blankWarn: 3, warningFraction: 0.7 });
    expect(ind.model).toMatchObject({ fullScore: 100, passScore: 60, bonusAbove: 80, bonusMax: 30, serviceGroupPoints: 25 });
    for (const item of [...ind.veto, ...ind.deductions]) expect(ind.sources[item.source], item.id).toBeTruthy();
    expect(ind.deductions.find((d) => d.id === 'deduction.link-homepage')).toMatchObject({ perItem: 1, unconfirmed: true });
  });

  it('UNCONFIRMED parameters are overridable and unknown overrides are config errors', () => {
    const o = applyOverrides(ind, { 'deduction.link-other.perItem': 0.5, 'veto.column-stale.warningFraction': 0.6 });
    expect(o.deductions.find((d) => d.id === 'deduction.link-other')!.perItem).toBe(0.5);
    expect(o.veto.find((v) => v.id === 'veto.column-stale')!.params.warningFraction).toBe(0.6);
    expect(() => applyOverrides(ind, { 'veto.nope.x': 1 })).toThrow(/unknown parameter/);
  });

  it('a missing or malformed indicators file is a configuration error naming the problem', () => {
    expect(() => loadIndicators('/nonexistent/indicators.yaml')).toThrow(/cannot read indicators file/);
  });

  it('a clean site passes with 100 points and says which indicators it could not assess', () => {
    const v = judgeSite(input());
    expect(v.result).toBe('合格');
    expect(v.score.value).toBe(100);
    expect(v.complete).toBe(false);
    expect(v.notAssessed.map((x) => x.id)).toEqual(['veto.serious-error', 'veto.interaction', 'veto.service', 'veto.newmedia-stale', 'veto.newmedia-interaction', 'deduction.service-stats-stale', 'deduction.replies-stale', 'deduction.ipv6']);
    expect(v.bonus.status).toBe('not-assessed');
  });

  it('IPv6 findings of a probe run deduct under 功能设计 / IPv6改造, capped at its points', () => {
    const ipv6Run = [...ALL_RUN, 'ipv6.no-aaaa', 'ipv6.unreachable', 'ipv6.inconsistent', 'ipv6.links', 'ipv6.slow'];
    const v = judgeSite(
      input({
        checksRun: ipv6Run,
        findings: [finding('ipv6.unreachable'), finding('ipv6.links', { severity: 'warning' }), finding('ipv6.links', { severity: 'warning' }), finding('ipv6.slow', { severity: 'warning' })],
      }),
    );
    const d = v.deductions.find((x) => x.id === 'deduction.ipv6')!;
    expect(d).toMatchObject({ group: '功能设计', status: 'deducted', count: 3, deducted: 2, capped: true, unconfirmed: true });
    expect(v.score.value).toBe(98);
  });

  it('homepage links cost 1 point each and other links 0.1, certain ones only, each capped at the indicator points', () => {
    const v = judgeSite(input({ findings: [...brokenLinks(3, true), ...brokenLinks(7, false), ...brokenLinks(4, false, 'suspected')] }));
    const home = v.deductions.find((d) => d.id === 'deduction.link-homepage')!;
    const other = v.deductions.find((d) => d.id === 'deduction.link-other')!;
    expect(home).toMatchObject({ count: 3, deducted: 3, capped: false });
    expect(other).toMatchObject({ count: 7, deducted: 0.7 });
    expect(other.note).toContain('4 个疑似');
    expect(v.score.value).toBe(96.3);
    const many = judgeSite(input({ findings: brokenLinks(15, true) }));
    expect(many.deductions.find((d) => d.id === 'deduction.link-homepage')).toMatchObject({ count: 15, deducted: 10, capped: true });
  });

  it('a link both broken and wrong is deducted once (不重复扣分)', () => {
    const target = 'http://127.0.0.1/gone.html';
    const v = judgeSite(input({ findings: [finding('link.broken', { target, onHomepage: true }), finding('link.wrong', { target, onHomepage: true })] }));
    expect(v.deductions.find((d) => d.id === 'deduction.link-homepage')).toMatchObject({ count: 1, deducted: 1 });
  });

  it('a score under 60 fails the site without any veto', () => {
    const findings = [...brokenLinks(10, true), ...brokenLinks(100, false)];
    const raw = applyOverrides(ind, { 'deduction.link-homepage.points': 30, 'deduction.link-other.points': 20 });
    const v = judgeSite(input({ findings, indicators: raw }));
    expect(v.score.value).toBe(80);
    expect(v.result).toBe('合格');
    expect(v.bonus.status).toBe('not-applicable'); // exactly 80 is not above 80
    const worse = judgeSite(input({ findings: [...brokenLinks(35, true), ...brokenLinks(200, false)], indicators: raw }));
    expect(worse.score.value).toBe(50); // −30 (35 homepage links, capped at 30) −20 (200 × 0.1)
    expect(worse.result).toBe('不合格');
    expect(worse.reasons[0]).toContain('低于 60 分');
  });

  it('a unit without public services is scored out of 75 and scaled by 4/3, skipping 办事服务', () => {
    const v = judgeSite(input({ findings: brokenLinks(3, true), hasPublicServices: false, checksRun: [...ALL_RUN, 'service.stats'] }));
    expect(v.score).toMatchObject({ outOf: 75, scaled: true, deducted: 3, value: 96 });
    expect(v.deductions.find((d) => d.id === 'deduction.service-stats-stale')!.status).toBe('skipped');
  });

  it('stale 动态要闻 and top-level notice/policy columns count together to five; lower-level ones do not', () => {
    const col = (cls: string, topLevel = true) => finding('column.stale', { column: `${cls}${n}` }, { class: cls, topLevel });
    const four = [col('动态要闻'), col('动态要闻'), col('通知公告'), col('政策文件'), col('通知公告', false), col('人事')];
    const v = judgeSite(input({ findings: four }));
    const item = v.vetoes.find((x) => x.id === 'veto.column-stale')!;
    expect(item.status).toBe('clear');
    expect(item.warning).toContain('再有 1 个即单项否决');
    const five = judgeSite(input({ findings: [...four, col('动态要闻')] }));
    expect(five.result).toBe('不合格');
    expect(five.deductions.find((d) => d.id === 'deduction.policy-column-stale')!.deducted).toBe(5);
  });

  it('ten long-stale columns of any class, or five blank columns, are each a veto; three blank columns warn', () => {
    const stale = Array.from({ length: 10 }, () => finding('column.stale', {}, { class: '人事', topLevel: true }));
    expect(judgeSite(input({ findings: stale })).vetoes.find((x) => x.id === 'veto.column-stale')!.status).toBe('triggered');
    const blank = (k: number) => Array.from({ length: k }, () => finding('column.blank', {}, { class: '其他' }));
    expect(judgeSite(input({ findings: blank(5) })).result).toBe('不合格');
    const three = judgeSite(input({ findings: blank(3) }));
    expect(three.result).toBe('合格');
    expect(three.warnings.join()).toContain('空白栏目已有 3 个');
  });

  it('a blank 政策文件 column that is also stale is deducted once', () => {
    const findings = [
      finding('column.blank', { column: '政策文件', key: 'zc' }, { class: '政策文件', topLevel: true }),
      finding('column.stale', { column: '规范性文件', key: 'gf' }, { class: '政策文件', topLevel: true }),
    ];
    const d = judgeSite(input({ findings })).deductions.find((x) => x.id === 'deduction.policy-column-stale')!;
    expect(d).toMatchObject({ count: 2, deducted: 5, capped: true });
  });

  it('availability: ≥ 5% over a full week is a veto; fewer probes than 20 a day is reported as insufficient', () => {
    expect(judgeSite(input({ probeWindow: goodWindow(140, 7) })).vetoes[0]!.status).toBe('triggered');
    expect(judgeSite(input({ probeWindow: goodWindow(140, 6) })).vetoes[0]!.status).toBe('clear');
    const few = judgeSite(input({ probeWindow: goodWindow(60, 30) }));
    expect(few.vetoes[0]!.status).toBe('insufficient');
    expect(few.vetoes[0]!.summary).toContain('监测次数不足 140 次');
    expect(few.result).toBe('合格');
    expect(few.notAssessed.map((x) => x.id)).toContain('veto.unreachable');
    const none = judgeSite(input({ probeWindow: undefined }));
    expect(none.vetoes[0]!.status).toBe('not-assessed');
  });

  it('checks that never ran leave their indicators not assessed, naming whether a check exists at all', () => {
    const v = judgeSite(input({ checksRun: [], registered: ['column.stale', 'column.blank', 'homepage.stale'] }));
    const cols = v.vetoes.find((x) => x.id === 'veto.column-stale')!;
    expect(cols.status).toBe('not-assessed');
    expect(cols.summary).toContain('尚未对本站运行');
    expect(v.vetoes.find((x) => x.id === 'veto.interaction')!.summary).toContain('尚无检查实现');
  });

  it('veto-severity findings of content checks trigger the serious-error item', () => {
    const v = judgeSite(input({ checksRun: [...ALL_RUN, 'typo.serious'], findings: [finding('typo.serious', { severity: 'veto' }, { message: '中华人民共合国→中华人民共和国' })] }));
    const item = v.vetoes.find((x) => x.id === 'veto.serious-error')!;
    expect(item.status).toBe('triggered');
    expect(item.missingChecks).toContain('secret.marking');
    expect(v.result).toBe('不合格');
    const suspected = judgeSite(input({ checksRun: [...ALL_RUN, 'secret.marking'], findings: [finding('secret.marking', { severity: 'veto', certainty: 'suspected' }, { message: '疑似密级标识“秘密”' })] }));
    expect(suspected.vetoes.find((x) => x.id === 'veto.serious-error')).toMatchObject({ status: 'clear', warning: expect.stringContaining('待人工确认') });
  });

  it('department sites get no bonus; portals above 80 get a bonus note', () => {
    const dept = siteSchema.parse({ id: 'dept', name: '水利局', level: '部门', homepage: 'http://127.0.0.1/' });
    expect(judgeSite(input({ site: dept })).bonus.status).toBe('not-applicable');
  });
});
