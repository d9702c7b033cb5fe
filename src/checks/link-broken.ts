// checks stage: link.broken (断链) — a link that does not open: HTTP 4xx/5xx, DNS failure, refused connection,
// TLS failure or timeout. 403/429 that a browser-like request could not clear are reported as suspected.
import type { Check, FindingDraft, LinkTarget } from './check.ts';
import { linkFindingBase } from './link-evidence.ts';

const ERROR_MESSAGES: Record<string, string> = {
  dns: '域名无法解析',
  refused: '服务器拒绝连接',
  timeout: '访问超时',
  tls: 'HTTPS 证书或加密连接错误',
  reset: '连接被重置',
  network: '网络错误',
  'bad-url': '链接地址格式错误',
};

/** Whether a target is broken, and how: the finding's error kind, message and certainty. */
export function brokenVerdict(t: LinkTarget): { error: string; message: string; certain: boolean; status?: number } | undefined {
  const f = t.facts;
  if (f.outcome === 'error' && f.errorKind && f.errorKind in ERROR_MESSAGES) {
    return { error: f.errorKind, message: `${ERROR_MESSAGES[f.errorKind]}（${f.errorMessage ?? f.errorKind}）`, certain: true };
  }
  if (f.outcome !== 'fetched' || f.status === undefined || f.status < 400) return undefined;
  const suspected = f.status === 403 || f.status === 429 || f.status === 401;
  if (f.redirects?.length) {
    return { error: 'redirect-to-error', status: f.status, message: `跳转后返回 HTTP ${f.status}（${f.finalUrl ?? ''}）`, certain: !suspected };
  }
  return {
    error: `http-${f.status}`,
    status: f.status,
    message: suspected ? `返回 HTTP ${f.status}，可能是访问限制，请人工确认` : `链接返回 HTTP ${f.status}`,
    certain: !suspected,
  };
}

export const linkBroken: Check = {
  id: 'link.broken',
  title: '断链',
  description: '链接（含图片、附件、样式、脚本、外部链接）打不开：HTTP 4xx/5xx、域名解析失败、拒绝连接、证书错误或超时；403/429 经浏览器式请求仍被拒绝时记为疑似。',
  group: 'links',
  async onSite(site) {
    const out: FindingDraft[] = [];
    for await (const t of site.linkTargets()) {
      const v = brokenVerdict(t);
      if (!v) continue;
      out.push({
        check: 'link.broken',
        key: t.url,
        severity: 'error',
        certainty: v.certain ? 'certain' : 'suspected',
        ...linkFindingBase(t, { error: v.error, message: v.message, ...(v.status ? { status: v.status } : {}) }),
      });
    }
    return out;
  },
};
