import { describe, expect, it } from 'vitest';
import { availability } from '../../src/checks/availability.ts';
import type { CheckContext } from '../../src/checks/check.ts';
import { parseConfig } from '../../src/config/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import type { ProbeWindow } from '../../src/storage/index.ts';

const config = parseConfig('sites:\n  - { id: s, name: 测试站, level: 县, homepage: "http://127.0.0.1/" }\n', '<inline>');
const NOW = new Date('2026-11-20T02:00:00Z');

function ctxWith(probes: number, failures: number): CheckContext {
  const window = (): ProbeWindow => ({
    from: '',
    to: NOW.toISOString(),
    probes,
    failures,
    ...(probes ? { ratio: failures / probes } : {}),
    byFailure: failures ? { timeout: failures } : {},
    perDay: {},
    failed: [],
  });
  return { site: config.sites[0]!, config, now: NOW, log: silentLogger(), http: undefined as never, services: { probes: { window } } };
}

const run = async (probes: number, failures: number) => (await availability.onSite!({ runId: 1, homepage: 'http://127.0.0.1/', linkTargets: async function* () {} }, ctxWith(probes, failures)))[0];

describe('availability check', () => {
  it('is a veto at ≥ 5% over a full week of probes, with the count behind the ratio', async () => {
    const f = await run(140, 7);
    expect(f).toMatchObject({ check: 'availability', key: 'homepage', severity: 'veto', onHomepage: true });
    expect(f!.evidence).toMatchObject({ probes: 140, failures: 7, required: 140, state: 'veto' });
    expect(String(f!.evidence.message)).toContain('7/140 次打不开（5.0%）');
  });

  it('warns above 3%, and is silent at or below it', async () => {
    expect((await run(140, 5))?.severity).toBe('warning');
    expect(await run(140, 4)).toBeUndefined();
  });

  it('with fewer probes than 20 a day it never vetoes: it warns and says the window is short', async () => {
    const f = await run(40, 10);
    expect(f).toMatchObject({ severity: 'warning' });
    expect(String(f!.evidence.message)).toContain('监测次数不足 140 次');
    expect(await run(0, 0)).toBeUndefined();
  });

  it('reports nothing without a probe history service (it cannot check)', async () => {
    const ctx = { ...ctxWith(1, 1), services: {} };
    expect(await availability.onSite!({ runId: 1, homepage: 'http://127.0.0.1/', linkTargets: async function* () {} }, ctx)).toEqual([]);
  });
});
