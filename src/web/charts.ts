// web stage: small inline SVG charts (no script, no CDN): the trend sparkline.
import { html, type SafeHtml } from './html.ts';

/** A sparkline of a series of counts; a dash when there are fewer than two points. */
export function sparkline(values: number[], width = 96, height = 24): SafeHtml {
  if (values.length < 2) return html`<span class="muted">—</span>`;
  const max = Math.max(...values, 1);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  const last = values[values.length - 1]!;
  const rising = last > values[0]!;
  return html`<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${`未解决问题趋势：${values.join('、')}`}"><polyline fill="none" stroke="${rising ? '#d64545' : '#2f9e55'}" stroke-width="1.5" points="${points}"/></svg>`;
}
