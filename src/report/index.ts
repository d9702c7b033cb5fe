// report stage, public surface: the quarterly spot-check report (季度抽查通报) — the model, its four outputs
// (HTML, DOCX, XLSX, JSON), and generating them into a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/index.ts';
import type { Store } from '../storage/index.ts';
import { buildReport, type BuildOptions } from './build.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import type { ReportModel } from './model.ts';
import { renderXlsx } from './xlsx.ts';

export { buildReport, type BuildOptions } from './build.ts';
export { renderHtml, escapeHtml } from './html.ts';
export { renderDocx } from './docx.ts';
export { renderXlsx, SHEETS } from './xlsx.ts';
export { renderJson } from './json.ts';
export { renderCharts, type Charts } from './charts.ts';
export { drawSample, parseSampleRatio, type Sample, type LevelSample } from './sample.ts';
export { parseQuarter, quarterOf, quarterBefore, type Quarter } from './quarter.ts';
export { PROBLEM_TYPES, problemTypeOf, type ProblemType } from './problem-types.ts';
export { ANNEX_COLUMNS, type ReportModel, type ReportSite, type ReportAccount, type ReportProblem, type AnnexRow, type FixItem, type Rate, type ReportSummary } from './model.ts';

/** The files of a generated report. */
export interface GeneratedReport {
  model: ReportModel;
  reportId: number;
  files: { html: string; docx: string; xlsx: string; json: string };
}

/** Builds the quarter's model, writes the four outputs into `outDir` and stores the model (for next quarter's fix tracking). */
export async function generateReport(store: Store, config: AppConfig, options: BuildOptions, outDir: string): Promise<GeneratedReport> {
  const model = buildReport(store, config, options);
  const [docx, xlsx] = await Promise.all([renderDocx(model), renderXlsx(model)]);
  const html = renderHtml(model);
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `report-${model.quarter.id}`);
  const files = { html: `${base}.html`, docx: `${base}.docx`, xlsx: `${base}.xlsx`, json: `${base}.json` };
  writeFileSync(files.html, html);
  writeFileSync(files.docx, docx);
  writeFileSync(files.xlsx, xlsx);
  writeFileSync(files.json, renderJson(model));
  const reportId = store.reports.save({
    quarter: model.quarter.id,
    seed: model.sample.seed,
    sample: model.sample.ratio === 'all' ? 'all' : String(model.sample.ratio),
    generatedAt: options.generatedAt,
    model,
  });
  return { model, reportId, files };
}
