// cli stage: terminal output — tables with CJK-aware widths, and untrusted text made harmless for a terminal.
import type { Finding } from '../checks/index.ts';

/** Removes control characters (terminal escape sequences could come from a crawled page). */
export function safeText(value: unknown): string {
  return String(value ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function clip(s: string, width: number): string {
  if (displayWidth(s) <= width) return s + ' '.repeat(width - displayWidth(s));
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…' + ' '.repeat(Math.max(0, width - displayWidth(out) - 1));
}

/** A plain-text table. `widths` caps each column's width. */
export function table(headers: string[], rows: string[][], widths: number[]): string {
  const cols = headers.map((h, i) => Math.min(widths[i] ?? 40, Math.max(displayWidth(h), ...rows.map((r) => displayWidth(safeText(r[i]))))));
  const line = (cells: string[]) => cells.map((c, i) => clip(safeText(c), cols[i]!)).join('  ').trimEnd();
  return [line(headers), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** The findings table of `govhealth findings`. */
export function findingsTable(findings: Finding[]): string {
  const rows = findings.map((f) => [
    f.id,
    f.siteId,
    f.check,
    f.severity + (f.certainty === 'suspected' ? '?' : ''),
    f.onHomepage ? '首页' : '',
    f.url,
    f.target ?? '',
    String(f.evidence.message ?? f.evidence.error ?? ''),
    f.column ?? f.account ?? '',
    String(f.pageCount),
    f.lastSeen.slice(0, 10),
  ]);
  return table(['id', 'site', 'check', 'severity', 'where', 'url', 'target', 'evidence', 'column', 'pages', 'last seen'], rows, [19, 14, 16, 9, 4, 48, 48, 40, 12, 5, 10]);
}
