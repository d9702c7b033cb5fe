// The built CLI (bin/govhealth.js) as a supervisor runs it: help, documented exit codes, clear config errors,
// and the demo of the README's first command.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execCli } from './cli-run.ts';

const root = mkdtempSync(join(tmpdir(), 'gh-cli-'));
const minimal = `sites:\n  - { id: demo, name: 示范县, level: 县, homepage: "http://www.demo.gov.test/" }\n`;

describe('govhealth CLI', () => {
  it('prints help with the commands and the exit codes, exit 0', async () => {
    const res = await execCli(['--help']);
    expect(res.code).toBe(0);
    for (const cmd of ['crawl', 'findings', 'verdict', 'probe', 'ipv6', 'check-text', 'demo']) expect(res.stdout).toContain(cmd);
    expect(res.stdout).toMatch(/3\s+bad configuration or arguments/);
    const sub = await execCli(['crawl', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--fail-on');
  });

  it('exits 3 naming the key and line of a bad config, and runs nothing', async () => {
    const file = join(root, 'bad.yaml');
    writeFileSync(file, minimal.replace('level: 县', 'level: 县, colour: red'));
    const res = await execCli(['crawl', '--config', file, '--data-dir', join(root, 'bad-data')]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/sites\[0\]\.colour \(line 2\): unknown key "colour"/);
    expect(existsSync(join(root, 'bad-data'))).toBe(false);
  });

  it('exits 3 for an unknown option, a missing config file and an unknown site', async () => {
    expect((await execCli(['crawl', '--bogus'])).code).toBe(3);
    const missing = await execCli(['findings', '--config', join(root, 'nope.yaml')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('cannot read config file');
    const file = join(root, 'ok.yaml');
    writeFileSync(file, minimal);
    const site = await execCli(['findings', '--config', file, '--site', 'other', '--data-dir', join(root, 'd')]);
    expect(site.code).toBe(3);
    expect(site.stderr).toContain('no site "other"');
  });

  it('runs the demo: crawls the sample site, exits 0 and writes the findings JSON', async () => {
    const out = join(root, 'demo-report');
    const res = await execCli(['demo', '--data-dir', join(root, 'demo-data'), '--out', out]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/示范县人民政府\s+1\d{3}\s+\d+/);
    expect(res.stdout).toContain('link.broken');
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { check: string }[];
    expect(findings.filter((f) => f.check === 'link.hidden')).toHaveLength(7);
    expect(existsSync(join(root, 'demo-data', 'govhealth.sqlite'))).toBe(true);
  }, 300_000);
});
