// The shipped dictionaries: format, size and hygiene (no both-valid pairs), and the loader's messages.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDictionaries, parseDictionaryText, parseTypoPairs } from '../../src/text/dictionaries.ts';
import { ConfigError } from '../../src/errors/index.ts';

const d = loadDictionaries();

/** Pairs where both forms are valid words: none may be in the typo list, in either direction. */
const BOTH_VALID = ['精简', '精减', '截止', '截至', '制定', '制订', '权利', '权力', '其他', '其它', '登录', '登陆', '度过', '渡过', '必需', '必须', '考察', '考查', '启用', '起用', '沉淀', '反映', '反应', '做客', '作客', '交代', '交待', '撤销', '撤消', '账号', '帐号', '名副其实', '名符其实', '前仆后继', '前赴后继', '迷漫', '蔓延', '漫延', '宽畅', '流览', '清彻', '萧洒', '眩耀', '斩新', '文彩', '雕零', '倘佯', '漫骂', '澈底', '装璜', '录象', '重迭', '勾通'];

describe('shipped dictionaries', () => {
  it('hold at least 500 typo pairs, each wrong form distinct from its right form and listed once', () => {
    expect(d.typoPairs.length).toBeGreaterThanOrEqual(500);
    const wrong = d.typoPairs.map((p) => p.wrong);
    expect(new Set(wrong).size).toBe(wrong.length);
    for (const p of d.typoPairs) expect(p.wrong).not.toBe(p.right);
    console.log(`typo pairs: ${d.typoPairs.length} (${[...new Set(d.typoPairs.map((p) => p.category))].map((c) => `${c} ${d.typoPairs.filter((p) => p.category === c).length}`).join(', ')})`);
  });

  it('never list a right form, or a both-valid word, as a wrong form', () => {
    const rights = new Set(d.typoPairs.map((p) => p.right));
    for (const p of d.typoPairs) {
      expect(rights.has(p.wrong), `${p.wrong} is also a right form`).toBe(false);
      expect(BOTH_VALID.includes(p.wrong), `${p.wrong} is a valid word`).toBe(false);
    }
  });

  it('give political terms veto severity and every entry a known category', () => {
    for (const p of d.typoPairs) expect(['常见错别字', '成语', '政治术语', '地名']).toContain(p.category);
    expect(d.typoPairs.filter((p) => p.category === '政治术语').every((p) => p.severity === 'veto')).toBe(true);
  });

  it('ship protected terms (state name, institutions, leaders, formulations), sensitive terms, allow-list, user words, look-alikes', () => {
    const terms = d.protectedTerms.map((t) => t.term);
    for (const t of ['中华人民共和国', '国务院', '习近平总书记', '社会主义核心价值观', '党的二十大', '两个确立']) expect(terms).toContain(t);
    expect(d.sensitiveTerms.length).toBeGreaterThan(30);
    // Conservative: no ordinary words or legitimate government topics.
    for (const t of ['福利彩票', '体育彩票', '上门服务', '赌博', '色情', '台湾', '新疆', '西藏']) expect(d.sensitiveTerms.map((s) => s.term)).not.toContain(t);
    expect(d.allow).toContain('不能自已');
    expect(d.userWords.every((w) => Number.isInteger(w.freq) && w.freq > 0)).toBe(true);
    expect(d.confusables.get('大')?.has('太')).toBe(true);
  });
});

describe('dictionary loader', () => {
  it('reads one entry a line, skipping comments and blank lines', () => {
    const lines = parseDictionaryText('\uFEFF# header\n\n秸杆 秸秆 常见错别字 # why\n  部暑\t部署  \n', 'x.txt');
    expect(lines.map((l) => [l.fields, l.line])).toEqual([
      [['秸杆', '秸秆', '常见错别字'], 3],
      [['部暑', '部署'], 4],
    ]);
  });

  it('names file, line, what was expected and what came for a bad entry', () => {
    const problems: string[] = [];
    parseTypoPairs(parseDictionaryText('秸杆\n秸杆 秸秆 常见错别字 fatal\n', 'extra.txt'), problems);
    expect(problems).toEqual([
      'extra.txt:1: expected "wrong right [category] [severity]", got "秸杆"',
      'extra.txt:2: expected a severity (veto, error, warning, info), got "fatal"',
    ]);
  });

  it('adds extra files and inline entries from the config, resolving paths against the config folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dict-'));
    writeFileSync(join(dir, 'local-typos.txt'), '# local\n安吉县委书纪 安吉县委书记 政治术语\n');
    writeFileSync(join(dir, 'local-words.txt'), '天子湖镇\n递铺街道 8000 ns\n');
    const extra = loadDictionaries({ baseDir: dir, typoPairs: ['local-typos.txt'], userDict: ['local-words.txt'], inlineProtected: ['县委书记王建国'], allowBySite: { a: ['x'] } });
    expect(extra.typoPairs.at(-1)).toMatchObject({ wrong: '安吉县委书纪', severity: 'veto' });
    expect(extra.userWords.slice(-2)).toEqual([{ word: '天子湖镇', freq: 2000 }, { word: '递铺街道', freq: 8000, tag: 'ns' }]);
    expect(extra.protectedTerms.at(-1)).toMatchObject({ term: '县委书记王建国', category: '地方' });
    expect(() => loadDictionaries({ baseDir: dir, typoPairs: ['missing.txt'] })).toThrow(ConfigError);
  });
});
