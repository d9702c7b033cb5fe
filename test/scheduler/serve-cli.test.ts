import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerServe } from '../../src/cli/serve.ts';
import { Store } from '../../src/storage/index.ts';

describe('govhealth serve', () => {
  it('starts the service with the dashboard on the same process, and stops on SIGTERM with nothing left running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govhealth-serve-cli-'));
    const file = join(dir, 'sites.yaml');
    writeFileSync(file, `dataDir: ${JSON.stringify(dir)}\nsites:\n  - { id: s, name: 示范县, level: 县, homepage: "http://www.s.gov.test/" }\n`);
    const out = new PassThrough();
    let stdout = '';
    out.on('data', (d) => (stdout += d));
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (d) => (stderr += d));
    let code = -1;
    const program = new Command().exitOverride();
    registerServe(program, { stdout: out, stderr: err, env: { GOVHEALTH_LOG_LEVEL: 'silent' }, cwd: process.cwd() }, (c) => (code = c));
    const running = program.parseAsync(['node', 'govhealth', 'serve', '--config', file, '--port', '0']);
    for (let i = 0; i < 100 && !stderr.includes('serving'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(stderr).toContain('govhealth: serving 1 site(s)');
    const url = /govhealth web: (\S+)\n/.exec(stdout)![1]!;
    expect((await fetch(url, { redirect: 'manual' })).status).toBeLessThan(500);
    process.emit('SIGTERM');
    await running;
    expect(code).toBe(0);
    // The database was migrated and closed: it opens again.
    const store = Store.open(dir);
    expect(store.alerts.jobRuns()).toEqual([]);
    store.close();
  });
});
