import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { ConfigError } from '../../src/errors/index.ts';

const minimal = `
sites:
  - id: demo
    name: 示范县人民政府
    level: 县
    homepage: http://www.demo.gov.test/
`;

function problems(text: string, vars: Record<string, string> = {}): string[] {
  try {
    parseConfig(text, '/tmp/x.yaml', { vars });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.length ? (err as ConfigError).problems : [(err as Error).message];
  }
  throw new Error('expected a ConfigError');
}

describe('config loader', () => {
  it('accepts a minimal registry and fills the defaults', () => {
    const c = parseConfig(minimal, '/tmp/x.yaml', { vars: {} });
    expect(c.sites[0]!.render).toBe('http');
    expect(c.network.timeoutMs).toBe(15000);
    expect(c.checks.links.soft404Phrases).toContain('页面不存在');
    expect(c.dataDir).toBe('/tmp/data');
  });

  it('names an unknown key with its path and line', () => {
    const p = problems(minimal + '    colour: red\n');
    expect(p).toEqual([expect.stringMatching(/^sites\[0\]\.colour \(line 7\): unknown key "colour"/)]);
  });

  it('says what was expected and what came for a wrong value', () => {
    const p = problems(minimal.replace('level: 县', 'level: 乡'));
    expect(p[0]).toMatch(/^sites\[0\]\.level \(line 5\): .*got "乡"/);
  });

  it('rejects duplicate site ids, unknown editors and a host owned by two sites', () => {
    const text = `
editors: [{ id: wang, name: 王 }]
sites:
  - { id: a, name: A, level: 县, homepage: "http://a.gov.test/", owner: li }
  - { id: a, name: B, level: 县, homepage: "http://b.gov.test/" }
  - { id: c, name: C, level: 县, homepage: "http://c.gov.test/", hosts: [a.gov.test] }
`;
    const p = problems(text);
    expect(p).toContain('sites[0].owner: editor "li" is not listed under editors');
    expect(p.some((x) => x.includes('"a" is already used by sites[0]'))).toBe(true);
    expect(p.some((x) => x.startsWith('sites[2].hosts: host "a.gov.test" also belongs to site "a"'))).toBe(true);
  });

  it('expands ${VARS} from the environment and names missing ones', () => {
    const text = minimal.replace('http://www.demo.gov.test/', 'http://www.demo.gov.test:${PORT}/');
    expect(parseConfig(text, '/tmp/x.yaml', { vars: { PORT: '8080' } }).sites[0]!.homepage).toBe('http://www.demo.gov.test:8080/');
    expect(problems(text)).toEqual(['${PORT} is not set in the environment']);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('sites:\n  - id: [unclosed\n')[0]).toMatch(/^line \d+, column \d+:/);
  });

  it('takes the data folder from the command line over the environment over the file', () => {
    const withDir = 'dataDir: ./here\n' + minimal;
    expect(parseConfig(withDir, '/etc/gh/x.yaml', { vars: {} }).dataDir).toBe('/etc/gh/here');
    expect(parseConfig(withDir, '/etc/gh/x.yaml', { vars: { GOVHEALTH_DATA_DIR: '/var/gh' } }).dataDir).toBe('/var/gh');
    expect(parseConfig(withDir, '/etc/gh/x.yaml', { vars: { GOVHEALTH_DATA_DIR: '/var/gh' }, dataDir: '/opt/gh' }).dataDir).toBe('/opt/gh');
  });
});
