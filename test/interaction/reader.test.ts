import { describe, expect, it } from 'vitest';
import { discoverEntries, parseInteractionList, parseMessageDetail } from '../../src/interaction/index.ts';

const ctx = { today: '2026-11-20' };
const BASE = 'http://www.county.test/hdjl/';

describe('reading interaction lists', () => {
  it('a table with 留言时间/答复时间 headers gives each row its question and reply date, status words for the rest', () => {
    const html = `<table><tr><th>标题</th><th>答复时间</th><th>留言时间</th><th>状态</th></tr>
      <tr><td><a href="1.html">路灯</a></td><td>2026-11-04</td><td>2026-11-02</td><td>已答复</td></tr>
      <tr><td><a href="2.html">低保</a></td><td></td><td>2026-11-05</td><td>办理中</td></tr>
      <tr><td><a href="3.html">医保</a></td><td></td><td>2026-10-20</td><td>已答复</td></tr></table>`;
    expect(parseInteractionList(html, BASE, ctx)).toEqual([
      { title: '路灯', url: `${BASE}1.html`, asked: '2026-11-02', replied: '2026-11-04', replySource: 'list', status: 'replied' },
      { title: '低保', url: `${BASE}2.html`, asked: '2026-11-05', status: 'pending' },
      { title: '医保', url: `${BASE}3.html`, asked: '2026-10-20', status: 'replied' },
    ]);
  });

  it('labelled rows (留言时间：/答复时间：) and unlabelled rows with two dates', () => {
    const html = `<ul><li><a href="c1.html">社保卡</a> <span>答复时间：2026-11-17</span> <span>留言时间：2026-11-16</span></li>
      <li><a href="c2.html">公积金</a> 2026-11-12 2026-11-16</li><li><a href="/about.html">关于我们</a></li></ul>`;
    expect(parseInteractionList(html, BASE, ctx).map((m) => [m.title, m.asked, m.replied])).toEqual([
      ['社保卡', '2026-11-16', '2026-11-17'],
      ['公积金', '2026-11-12', '2026-11-16'],
    ]);
  });

  it('configured selectors read a layout of its own', () => {
    const html = `<div class="msg-row"><a class="t" href="x.html">噪音</a><i class="a">2026年11月3日</i><i class="r">2026年11月5日</i></div>`;
    expect(parseInteractionList(html, BASE, ctx, { row: '.msg-row', asked: '.a', replied: '.r', link: 'a.t' })).toEqual([
      { title: '噪音', url: `${BASE}x.html`, asked: '2026-11-03', replied: '2026-11-05', replySource: 'list', status: 'replied' },
    ]);
  });

  it('a detail page gives the reply date, or says the message is still pending', () => {
    expect(parseMessageDetail('<p>留言时间：2026-10-20</p><p>答复时间：2026-10-22 09:30</p>', ctx)).toEqual({ asked: '2026-10-20', replied: '2026-10-22', pending: false });
    expect(parseMessageDetail('<p>留言时间：2026-10-20</p><p>办理状态：办理中</p>', ctx)).toEqual({ asked: '2026-10-20', pending: true });
  });

  it('entries to 留言/咨询/信箱 are found by their link text, not by long headlines that mention them', () => {
    const html = `<a href="/hdjl/xzxx/">县长信箱</a><a href="/hdjl/zxzx/">在线咨询</a><a href="javascript:;">我要留言</a>
      <a href="/xw/1.html">县政府召开会议研究部署群众留言办理工作并提出明确要求</a>`;
    expect(discoverEntries(html, 'http://www.county.test/', ['留言', '咨询', '信箱'])).toEqual([
      { name: '县长信箱', url: 'http://www.county.test/hdjl/xzxx/' },
      { name: '在线咨询', url: 'http://www.county.test/hdjl/zxzx/' },
    ]);
  });
});
