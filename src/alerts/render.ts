// alerts stage: rendering a message as plain text, HTML mail and chat markdown. Item texts are already masked and
// flattened (message.ts); here they are escaped for the format, and URLs are only ever linked when they are http(s).
import { escapeHtml, escapeMarkdown, safeUrl } from './escape.ts';
import type { AlertItem, AlertMessage } from './message.ts';

const mark = (i: AlertItem) => `${i.suspected ? '（疑似，请人工确认）' : ''}`;

function itemLines(i: AlertItem): string[] {
  return [
    `${i.checkTitle}${mark(i)}：${i.what}`,
    `位置：${i.siteName}${i.place ? ` ${i.place}` : ''} ${i.url}${i.pageCount > 1 ? `（共 ${i.pageCount} 个页面）` : ''}`,
    ...(i.target ? [`链接地址：${i.target}`] : []),
    `${i.action === '已整改，无需处理' ? '复查通过' : '发现'}时间：${i.since}${i.deadline ? `　整改期限：${i.deadline}` : ''}`,
    `处理：${i.action}`,
  ];
}

/** Plain text (the text part of an email, the generic webhook's `text`). */
export function renderText(m: AlertMessage): string {
  const out = [m.title, '', m.intro, ''];
  for (const s of m.sections) {
    out.push(`【${s.heading}】`);
    for (const l of s.lines ?? []) out.push(`  ${l}`);
    s.items.forEach((i, n) => {
      const [first, ...rest] = itemLines(i);
      out.push(`${n + 1}. ${first}`, ...rest.map((r) => `   ${r}`));
    });
    out.push('');
  }
  out.push(m.footer);
  return out.join('\n') + '\n';
}

function htmlLink(url: string): string {
  const safe = safeUrl(url);
  return safe ? `<a href="${escapeHtml(safe)}">${escapeHtml(url)}</a>` : escapeHtml(url);
}

/** HTML mail body. Every value is escaped; links are http(s) only. */
export function renderHtml(m: AlertMessage): string {
  const parts = [
    '<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:sans-serif;font-size:14px">',
    `<h2 style="font-size:16px">${escapeHtml(m.title)}</h2>`,
    `<p>${escapeHtml(m.intro)}</p>`,
  ];
  for (const s of m.sections) {
    parts.push(`<h3 style="font-size:15px">${escapeHtml(s.heading)}</h3>`);
    if (s.lines?.length) parts.push('<ul>' + s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('') + '</ul>');
    if (s.items.length) {
      parts.push('<ol>');
      for (const i of s.items) {
        parts.push(
          '<li style="margin-bottom:8px">' +
            `<b>${escapeHtml(i.checkTitle)}</b>${escapeHtml(mark(i))}：${escapeHtml(i.what)}<br>` +
            `位置：${escapeHtml(i.siteName)}${i.place ? ` ${escapeHtml(i.place)}` : ''} ${htmlLink(i.url)}${i.pageCount > 1 ? `（共 ${i.pageCount} 个页面）` : ''}<br>` +
            (i.target ? `链接地址：${htmlLink(i.target)}<br>` : '') +
            `${i.action === '已整改，无需处理' ? '复查通过' : '发现'}时间：${escapeHtml(i.since)}${i.deadline ? `　<b>整改期限：${escapeHtml(i.deadline)}</b>` : ''}<br>` +
            `处理：${escapeHtml(i.action)}` +
            '</li>',
        );
      }
      parts.push('</ol>');
    }
  }
  parts.push(`<p style="color:#666;font-size:12px">${escapeHtml(m.footer)}</p></body></html>`);
  return parts.join('\n');
}

function mdLink(url: string): string {
  const safe = safeUrl(url);
  return safe ? `[${escapeMarkdown(url)}](${safe})` : escapeMarkdown(url);
}

/**
 * Chat markdown (DingTalk, WeCom, Feishu): title, intro, then at most `maxItems` items in all; the rest are
 * counted. Every value is escaped.
 */
export function renderMarkdown(m: AlertMessage, maxItems: number): string {
  const out = [`### ${escapeMarkdown(m.title)}`, '', escapeMarkdown(m.intro), ''];
  let shown = 0;
  let hidden = 0;
  for (const s of m.sections) {
    out.push(`**${escapeMarkdown(s.heading)}**`, '');
    for (const l of s.lines ?? []) out.push(`- ${escapeMarkdown(l)}`);
    for (const i of s.items) {
      if (shown >= maxItems) {
        hidden++;
        continue;
      }
      shown++;
      out.push(
        `${shown}. **${escapeMarkdown(i.checkTitle)}**${escapeMarkdown(mark(i))}：${escapeMarkdown(i.what)}  `,
        `位置：${escapeMarkdown(i.siteName)}${i.place ? ` ${escapeMarkdown(i.place)}` : ''} ${mdLink(i.url)}${i.pageCount > 1 ? `（共 ${i.pageCount} 个页面）` : ''}  `,
        ...(i.target ? [`链接地址：${mdLink(i.target)}  `] : []),
        `${i.action === '已整改，无需处理' ? '复查通过' : '发现'}时间：${escapeMarkdown(i.since)}${i.deadline ? `，**整改期限：${escapeMarkdown(i.deadline)}**` : ''}  `,
        `处理：${escapeMarkdown(i.action)}`,
        '',
      );
    }
    out.push('');
  }
  if (hidden) out.push(`另有 ${hidden} 项未列出，详见邮件或监测平台。`, '');
  out.push(`> ${escapeMarkdown(m.footer)}`);
  return out.join('\n');
}
