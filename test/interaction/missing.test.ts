import { describe, expect, it } from 'vitest';
import { interactionMissing } from '../../src/checks/interaction-missing.ts';
import { parseConfig } from '../../src/config/index.ts';
import type { HttpClient } from '../../src/crawl/index.ts';
import { silentLogger } from '../../src/log/index.ts';

const LIST = '<table><tr><th>标题</th><th>留言时间</th><th>答复时间</th></tr><tr><td><a href="1.html">路灯</a></td><td>2026-11-02</td><td>2026-11-03</td></tr></table>';

/** An HTTP client answering from a map (404 elsewhere). */
function stubHttp(pages: Record<string, string>): HttpClient {
  return {
    async fetch(url: string) {
      const body = pages[url];
      return { url, finalUrl: url, status: body === undefined ? 404 : 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(body ?? '页面不存在'), truncated: false, redirects: [], ttfbMs: 1, totalMs: 1 };
    },
  } as unknown as HttpClient;
}

function run(interaction: string, pages: Record<string, string>) {
  const config = parseConfig(`sites:\n  - id: s\n    name: 测试县\n    level: 县\n    homepage: "http://www.s.test/"\n${interaction}`, '<inline>');
  const ctx = { site: config.sites[0]!, config, now: new Date('2026-11-20T04:00:00Z'), log: silentLogger(), http: stubHttp(pages), services: {} };
  return interactionMissing.onSite!({ runId: 1, homepage: 'http://www.s.test/', linkTargets: async function* () {} }, ctx);
}

describe('interaction.missing', () => {
  it('a broken entry beside a working one is an error; when every entry is broken it is the veto', async () => {
    const two = '    interaction:\n      - { id: a, name: 县长信箱, url: "http://www.s.test/a/" }\n      - { id: b, name: 在线咨询, url: "http://www.s.test/b/" }\n';
    expect((await run(two, { 'http://www.s.test/a/': LIST })).map((f) => [f.key, f.severity])).toEqual([['broken:b', 'error']]);
    expect((await run(two, {})).map((f) => [f.key, f.severity])).toEqual([
      ['broken:a', 'veto'],
      ['broken:b', 'veto'],
    ]);
  });

  it('without configured columns, entries are discovered on the homepage; none found is the veto', async () => {
    expect(await run('', { 'http://www.s.test/': '<a href="/hdjl/">我要留言</a>', 'http://www.s.test/hdjl/': LIST })).toEqual([]);
    expect((await run('', { 'http://www.s.test/': '<a href="/xw/">新闻</a>' })).map((f) => [f.key, f.severity])).toEqual([['none', 'veto']]);
    // A homepage that does not open says nothing about the channel: could not check, no finding.
    expect(await run('', {})).toEqual([]);
  });
});
