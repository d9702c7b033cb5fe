// report stage: charts as SVG rendered on the server (ECharts SSR) — pass rate by level, problems by type, the
// pass-rate trend of the last four quarters. Only labels from the model's fixed vocabularies and numbers go in.
import * as echarts from 'echarts';
import type { ReportModel } from './model.ts';

export interface Charts {
  passRateByLevel: string;
  problemsByType: string;
  trend: string;
}

function render(width: number, height: number, option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The three charts of a report. */
export function renderCharts(m: ReportModel): Charts {
  const levels = m.summary.byLevel.filter((l) => l.checked);
  const passRateByLevel = render(640, 300, {
    title: { text: '各层级网站合格率（%）', left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 50, right: 20, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: levels.map((l) => `${l.level}级（${l.passed}/${l.passed + l.failed}）`) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ type: 'bar', barMaxWidth: 48, data: levels.map((l) => l.passRate.percent ?? 0), label: { show: true, position: 'top' } }],
  });
  const types = [...m.summary.byType].reverse();
  const problemsByType = render(640, Math.max(160, 60 + types.length * 32), {
    title: { text: '问题类型分布（个）', left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 150, right: 40, top: 40, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: types.map((t) => t.type) },
    series: [{ type: 'bar', barMaxWidth: 24, data: types.map((t) => t.count), label: { show: true, position: 'right' } }],
  });
  const trend = render(640, 300, {
    title: { text: '近四个季度合格率（%）', left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 50, right: 20, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: m.trend.map((t) => t.label) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ type: 'line', connectNulls: true, data: m.trend.map((t) => (t.passRate === undefined ? null : t.passRate)), label: { show: true } }],
  });
  return { passRateByLevel, problemsByType, trend };
}
