// web stage: the page frame — navigation, the inline style sheet (no CDN: these machines are often on an
// intranet), and the small inline script of progressive enhancement, both allowed by a per-response CSP nonce.
import { html, raw, type SafeHtml } from './html.ts';
import type { Viewer } from './access.ts';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2933;background:#f4f6f8}
header.top{background:#9b1c1c;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header.top a{color:#fff;text-decoration:none;padding:.25rem .4rem;border-radius:4px}
header.top a.on,header.top a:hover{background:rgba(255,255,255,.18)}
header.top .brand{font-weight:700;margin-right:.5rem}
header.top .who{margin-left:auto;display:flex;gap:.5rem;align-items:center;font-size:.9em}
header.top button{background:transparent;border:1px solid rgba(255,255,255,.6);color:#fff;border-radius:4px;padding:.15rem .5rem;cursor:pointer}
main{padding:1rem;max-width:1200px;margin:0 auto}
h1{font-size:1.35rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:.75rem 1rem;margin-bottom:1rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e4e8ee;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right}
td.place{min-width:18rem}td.site{min-width:6.5rem}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.85em;white-space:nowrap}
.st-fail{background:#fde2e2;color:#9b1c1c}.st-risk{background:#fff3c4;color:#7c5e00}.st-ok{background:#dcf5e3;color:#1d6b36}.st-none{background:#e9edf2;color:#52606d}
.sev-veto{background:#9b1c1c;color:#fff}.sev-error{background:#fde2e2;color:#9b1c1c}.sev-warning{background:#fff3c4;color:#7c5e00}.sev-info{background:#e9edf2;color:#52606d}
.muted{color:#66788a;font-size:.9em}
.url{word-break:break-all}
form.inline{display:inline-flex;gap:.3rem;flex-wrap:wrap;align-items:center;margin:.2rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.filters label{display:flex;flex-direction:column;font-size:.85em}
input,select,textarea,button{font:inherit}
input,select,textarea{border:1px solid #b8c4d0;border-radius:4px;padding:.3rem .4rem;max-width:100%}
button.primary,a.button{background:#9b1c1c;color:#fff;border:0;border-radius:4px;padding:.35rem .9rem;cursor:pointer;text-decoration:none;display:inline-block}
textarea{width:100%;min-height:12rem}
.strip{display:flex;gap:2px;align-items:center}
.cell{display:inline-block;width:1.1rem;height:1.1rem;border-radius:2px;background:#e9edf2}
.h0{background:#2f9e55}.h1{background:#8cc63f}.h2{background:#f2c94c}.h3{background:#f2994a}.h4{background:#d64545}.hx{background:#9aa5b1}
.bars{display:flex;gap:4px;align-items:flex-end;height:48px}
.bar{width:1.4rem;background:#2f9e55;height:2px}
.bar.h-0{height:2px}.bar.h-1{height:4px}.bar.h-2{height:9px}.bar.h-3{height:14px}.bar.h-4{height:19px}.bar.h-5{height:24px}.bar.h-6{height:28px}.bar.h-7{height:33px}.bar.h-8{height:38px}.bar.h-9{height:43px}.bar.h-10{height:48px}.bar.bad{background:#d64545}
mark.hit{background:#ffd6d6;color:#7a0f0f;border-bottom:2px solid #d64545;padding:0 1px}
mark.hit.sev-veto{background:#f8b4b4;color:#5c0a0a;font-weight:600}
mark.hit.sev-info{background:#e9edf2;color:inherit;border-color:#9aa5b1}
mark.hit.sev-warning{background:#fff3c4;border-color:#e0a800;color:inherit}
.checked-text{white-space:pre-wrap;background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:.75rem;line-height:1.9}
.error{background:#fde2e2;color:#9b1c1c;padding:.5rem .75rem;border-radius:4px}
.ok-note{background:#dcf5e3;color:#1d6b36;padding:.5rem .75rem;border-radius:4px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}
svg.spark{vertical-align:middle}
@media (max-width:640px){main{padding:.5rem}td.place{min-width:13rem}.grid{grid-template-columns:repeat(2,1fr);gap:.5rem}.card{padding:.5rem .75rem;margin-bottom:.5rem}th,td{padding:.3rem}.hide-sm{display:none}h1{font-size:1.15rem}}
`;

/**
 * Progressive enhancement: filters apply as soon as a choice changes, and Ctrl/⌘+Enter submits the draft. Every
 * page works without it.
 */
const ENHANCE = `
document.querySelectorAll('form.filters select').forEach(function (s) { s.addEventListener('change', function () { s.form.submit(); }); });
var t = document.getElementById('text');
if (t) t.addEventListener('keydown', function (e) { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) t.form.submit(); });
`;

export interface PageOptions {
  title: string;
  body: SafeHtml;
  nonce: string;
  viewer?: Viewer;
  csrf?: string;
  /** Path of the nav item to highlight. */
  active?: string;
}

const NAV: { path: string; label: string; supervisorOnly?: boolean }[] = [
  { path: '/', label: '总览' },
  { path: '/findings', label: '问题清单' },
  { path: '/check', label: '发布前检查' },
  { path: '/reports', label: '季度报告', supervisorOnly: true },
];

/** A complete HTML page. */
export function page(o: PageOptions): string {
  const nav = o.viewer
    ? NAV.filter((n) => !n.supervisorOnly || o.viewer!.role === 'supervisor').map(
        (n) => html`<a href="${n.path}" class="${o.active === n.path ? 'on' : ''}">${n.label}</a>`,
      )
    : [];
  const who = o.viewer
    ? html`<span class="who"><span>${o.viewer.name}（${o.viewer.role === 'supervisor' ? '监管' : '编辑'}）</span>
        <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${o.csrf ?? ''}"><button type="submit">退出</button></form></span>`
    : '';
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${o.title} · 政府网站健康监测</title>
<link rel="icon" href="data:,">
<style nonce="${o.nonce}">${CSS}</style></head>
<body><header class="top"><span class="brand">政府网站健康监测</span>${nav}${who}</header>
<main>${o.body}</main>
<script nonce="${o.nonce}">${raw(ENHANCE)}</script>
</body></html>`.value;
}

