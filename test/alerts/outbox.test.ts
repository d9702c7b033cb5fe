import { describe, expect, it } from 'vitest';
import { tempStore } from './fixture.ts';

describe('alert outbox', () => {
  it('a message is queued once per key, and claimed by one sender at a time until its lease ends', () => {
    const { store } = tempStore();
    const now = new Date('2026-11-20T02:00:00Z');
    const d = { dedupeKey: 'notice:wang:abc:wang#email', kind: 'notice', recipient: 'wang', channel: 'wang#email', address: 'wang@x', subjects: ['f-1'], message: { title: 't' } };
    expect(store.alerts.enqueue(d, now)).toBe(true);
    expect(store.alerts.enqueue(d, now)).toBe(false);
    const [row] = store.alerts.due(now);
    const lease = new Date(now.getTime() + 600_000);
    expect(store.alerts.claim(row!.id, now, lease)).toBe(true);
    // A second sender (govhealth alerts from cron while the service runs) does not get it.
    expect(store.alerts.due(now)).toEqual([]);
    expect(store.alerts.claim(row!.id, now, lease)).toBe(false);
    // The first sender died mid-send: after the lease the message is due again, never lost.
    expect(store.alerts.due(lease).map((x) => [x.status, x.attempts])).toEqual([['sending', 1]]);
    store.alerts.markSent(row!.id, lease);
    expect(store.alerts.due(new Date(lease.getTime() + 86_400_000))).toEqual([]);
    store.close();
  });
});
