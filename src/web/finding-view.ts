// web stage: how one finding is shown (severity, where, evidence) and the forms to mark it — shared by the site
// page and the findings page. Everything in a finding may come from a crawled page: it is escaped here.
import type { Finding, Severity } from '../checks/check.ts';
import type { FindingMark } from '../storage/index.ts';
import { extLink, html, type SafeHtml } from './html.ts';

export const SEVERITY_LABEL: Record<Severity, string> = { veto: '否决', error: '错误', warning: '警告', info: '提示' };

/** Severity badge, with 疑似 for suspected findings. */
export function severityBadge(f: Pick<Finding, 'severity' | 'certainty'>): SafeHtml {
  return html`<span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span>${f.certainty === 'suspected' ? html` <span class="badge st-none">疑似</span>` : ''}`;
}

/** The evidence of a finding: message, anchor text, status or error, snippet, suggestion. */
export function evidenceView(f: Finding): SafeHtml {
  const e = f.evidence;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const suggestion = str(e.suggestion);
  return html`<div class="evidence">${str(e.message) ?? ''}
    ${str(e.anchor) ? html`<div class="muted">链接文字：<q class="anchor">${str(e.anchor)}</q></div>` : ''}
    ${str(e.status) || str(e.error) ? html`<div class="muted">${str(e.status) ? `HTTP ${str(e.status)}` : ''} ${str(e.error) ?? ''}</div>` : ''}
    ${str(e.snippet) ? html`<div class="muted">原文：<q class="snippet">${str(e.snippet)}</q></div>` : ''}
    ${suggestion ? html`<div class="muted">建议：${suggestion}</div>` : ''}</div>`;
}

/** Where a finding is: the page (and target), column or account, pages count. */
export function placeView(f: Finding): SafeHtml {
  return html`${extLink(f.url)}${f.target && f.target !== f.url ? html`<div class="muted">目标：${extLink(f.target)}</div>` : ''}
    ${f.column ? html`<div class="muted">栏目：${f.column}</div>` : ''}${f.account ? html`<div class="muted">账号：${f.account}</div>` : ''}
    ${f.pageCount > 1 ? html`<div class="muted">共 ${f.pageCount} 个页面</div>` : ''}`;
}

/** The mark of a finding, or the forms to mark it (false positive with a reason; acknowledged). */
export function markView(f: Finding, mark: FindingMark | undefined, csrf: string, back: string): SafeHtml {
  if (mark?.kind === 'false-positive') {
    return html`<span class="badge st-ok">已标记误报</span><div class="muted">${mark.userName}：${mark.reason}</div><div class="muted">下次检查起不再报告</div>`;
  }
  const ack = mark?.kind === 'acknowledged' ? html`<span class="badge st-risk">已确认，整改中</span>` : '';
  return html`${ack}<form class="inline fp" method="post" action="/findings/${encodeURIComponent(f.id)}/false-positive">
      <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="back" value="${back}">
      <input name="reason" placeholder="误报原因" required maxlength="500" aria-label="误报原因">
      <button type="submit">标记误报</button></form>
    ${mark ? '' : html`<form class="inline" method="post" action="/findings/${encodeURIComponent(f.id)}/acknowledge">
      <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="back" value="${back}"><button type="submit">确认问题</button></form>`}`;
}
