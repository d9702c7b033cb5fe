import { describe, expect, it } from 'vitest';
import { Frontier } from '../../src/crawl/frontier.ts';

describe('crawl frontier', () => {
  it('hands out pages first in, first out, with their depth, and is finished only when none waits or is in flight', async () => {
    const f = new Frontier();
    expect(await f.isFinished()).toBe(true);
    expect(f.add(['http://s.test/', 'http://s.test/a'], 0)).toBe(2);
    f.add(['http://s.test/b'], 1);
    const first = (await f.fetchNextRequest())!;
    expect([first.url, first.uniqueKey, first.userData.depth]).toEqual(['http://s.test/', 'http://s.test/', 0]);
    const second = (await f.fetchNextRequest())!;
    const third = (await f.fetchNextRequest())!;
    expect([second.url, third.url, third.userData.depth]).toEqual(['http://s.test/a', 'http://s.test/b', 1]);
    expect(await f.fetchNextRequest()).toBeNull();
    expect([await f.isEmpty(), await f.isFinished(), f.getPendingCount()]).toEqual([true, false, 3]);
    await f.markRequestHandled(first);
    await f.markRequestHandled(second);
    await f.markRequestHandled(third);
    expect([await f.isFinished(), await f.handledCount(), f.getTotalCount()]).toEqual([true, 3, 3]);
  });

  it('puts a retried request back at the end (or the front when asked), keeping its retry count', async () => {
    const f = new Frontier();
    f.add(['http://s.test/1', 'http://s.test/2', 'http://s.test/3'], 0);
    const one = (await f.fetchNextRequest())!;
    one.retryCount = 1;
    await f.reclaimRequest(one);
    const two = (await f.fetchNextRequest())!;
    await f.reclaimRequest(two, { forefront: true });
    const order: string[] = [];
    for await (const r of f) order.push(`${r.url} ${r.retryCount}`);
    expect(order).toEqual(['http://s.test/2 0', 'http://s.test/3 0', 'http://s.test/1 1']);
  });

  it('keeps its memory to what waits: thousands of pages pass through in order', async () => {
    const f = new Frontier();
    const urls = Array.from({ length: 5000 }, (_, i) => `http://s.test/${i}.html`);
    f.add(urls.slice(0, 2500), 1);
    const seen: string[] = [];
    for (let r; (r = await f.fetchNextRequest()); ) {
      seen.push(r.url);
      await f.markRequestHandled(r);
      if (seen.length === 2000) f.add(urls.slice(2500), 2);
    }
    expect(seen).toEqual(urls);
    expect(await f.isFinished()).toBe(true);
  });
});
