// test helper: compares link findings with the gov-site manifest — what must be found and what must not.
import type { GovSiteManifest } from '../fixtures/gov-site/index.ts';

export interface JsonFinding {
  id: string;
  check: string;
  target: string | null;
  url: string;
  onHomepage: boolean;
  certainty: string;
  evidence: { error?: string; anchor?: string; [k: string]: unknown };
  status: string;
  firstSeen: string;
  lastSeen: string;
}

/** Missing and unexpected link findings, and mismatched details, as readable lines (empty when exact). */
export function compareLinkFindings(findings: JsonFinding[], manifest: GovSiteManifest, opts: { browser: boolean }): string[] {
  const problems: string[] = [];
  const links = findings.filter((f) => f.check.startsWith('link.'));
  // Placeholders (#, javascript:void(0) …) share their target: they are told apart by anchor text.
  const key = (check: string, target: string | null, placeholderAnchor?: string) => `${check} ${target}${placeholderAnchor ? ' ' + placeholderAnchor : ''}`;
  const keyOf = (f: JsonFinding) => key(f.check, f.target, f.evidence.error === 'placeholder' ? f.evidence.anchor : undefined);
  const found = new Map(links.map((f) => [keyOf(f), f]));
  const wanted = manifest.linkDefects.filter((d) => opts.browser || !d.browserOnly);
  const defectKey = (d: (typeof wanted)[number]) => key(d.check, d.target, d.errorKind === 'placeholder' ? d.anchor : undefined);
  const wantedKeys = new Set(wanted.map(defectKey));
  for (const d of wanted) {
    const f = found.get(defectKey(d));
    if (!f) {
      problems.push(`missing ${d.check} ${d.errorKind} ${d.target} (on ${d.page})`);
      continue;
    }
    if (f.evidence.error !== d.errorKind) problems.push(`${d.check} ${d.target}: error ${f.evidence.error}, manifest says ${d.errorKind}`);
    if (f.onHomepage !== d.onHomepage) problems.push(`${d.check} ${d.target}: onHomepage ${f.onHomepage}, manifest says ${d.onHomepage}`);
    if (f.certainty !== (d.certainty ?? 'certain')) problems.push(`${d.check} ${d.target}: certainty ${f.certainty}, manifest says ${d.certainty ?? 'certain'}`);
  }
  for (const f of links) if (!wantedKeys.has(keyOf(f))) problems.push(`unexpected ${f.check} ${f.evidence.error} ${f.target} (on ${f.url})`);
  for (const t of manifest.traps) {
    const isUrl = /^https?:/i.test(t.target);
    for (const check of t.notReportedBy) {
      const hit = links.some((f) => f.check === check && f.target === t.target && (isUrl || f.url === t.page));
      if (hit) problems.push(`trap reported by ${check}: ${t.target} (${t.why})`);
    }
  }
  return problems;
}
