// report stage: the report model as JSON for other systems — stable key order, two-space indent, final newline.
import type { ReportModel } from './model.ts';

/** The model as JSON text: the same model gives the same bytes. */
export function renderJson(m: ReportModel): string {
  return JSON.stringify(m, null, 2) + '\n';
}
