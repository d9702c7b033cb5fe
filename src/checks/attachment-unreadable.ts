// checks stage: attachment.unreadable — a same-site attachment the content checks could not read (broken file,
// over the size cap, unsupported format, parser timeout). Reported once, with the reason, as "could not check":
// severity info, never counted against the site.
import type { Check, FindingDraft } from './check.ts';
import { contentService } from './content-check.ts';

export const attachmentUnreadable: Check = {
  id: 'attachment.unreadable',
  title: '附件无法检查',
  description: '同站附件无法读取（文件损坏、超过大小上限、格式不支持或解析超时），内容检查未能进行；列出原因供人工查看，不计为问题。',
  group: 'content',
  async onAttachment(doc, ctx): Promise<FindingDraft[]> {
    if (!ctx.config.checks.content.enabled) return [];
    const result = await contentService(ctx).attachmentText(doc.body, doc.url, doc.contentType);
    if (result.status !== 'skipped') return [];
    ctx.log.info({ url: doc.url, format: result.format, reason: result.reason }, 'attachment not checked');
    return [
      {
        check: 'attachment.unreadable',
        key: `attachment-skipped:${doc.url}`,
        severity: 'info',
        url: doc.url,
        ...(doc.column ? { column: doc.column } : {}),
        evidence: { outcome: 'skipped', reason: result.reason, format: result.format, linkedFrom: doc.linkedFrom, message: `附件未能检查：${result.reason}` },
      },
    ];
  },
};
