// The content checks in the registry: the seven ids, described, both hooks, and silent on a clean page.
import { describe, expect, it } from 'vitest';
import { CHECKS, checkById } from '../../../src/checks/index.ts';
import { context, page, service } from './helpers.ts';

const IDS = ['typo.serious', 'typo.protected', 'sensitive.term', 'secret.marking', 'privacy.id-number', 'privacy.phone', 'privacy.bank-card'];

describe('content checks in the registry', () => {
  it('are the seven ids, each with a Chinese title, a description, both hooks, under checks.content', () => {
    // attachment.unreadable (could-not-check, attachments only) is the eighth member of the group.
    expect(CHECKS.filter((c) => c.group === 'content').map((c) => c.id)).toEqual([...IDS, 'attachment.unreadable']);
    for (const id of IDS) {
      const c = checkById(id)!;
      expect(c.title).toMatch(/\p{Script=Han}/u);
      expect(c.description.length).toBeGreaterThan(20);
      expect(typeof c.onPage).toBe('function');
      expect(typeof c.onAttachment).toBe('function');
    }
  });

  it('report nothing on a clean page', () => {
    const ctx = context(service());
    const html = `<html><head><title>示范县人民政府</title></head><body><nav><a href="/">首页</a></nav><div id="content">
      <p>为深入贯彻党的二十大精神和党的二十届三中全会精神，县政府召开常务会议，研究部署秸秆综合利用工作。</p>
      <p>截至2026年5月底，全县已完成任务的百分之六十；报名截止时间为6月30日。咨询电话：0572-5123456。</p></div>
      <div class="footer">主办：示范县人民政府办公室　网站标识码：3305230001</div></body></html>`;
    const drafts = CHECKS.filter((c) => c.group === 'content' && c.onPage).flatMap((c) => c.onPage!(page('http://www.demo.test/', html), ctx));
    expect(drafts).toEqual([]);
  });
});
