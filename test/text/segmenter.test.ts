// The jieba segmenter with the government user dictionary: domain words stay whole; load time printed.
import { describe, expect, it } from 'vitest';
import { createSegmenter } from '../../src/text/segmenter.ts';
import { loadDictionaries } from '../../src/text/dictionaries.ts';

describe('segmenter', () => {
  const d = loadDictionaries();
  const seg = createSegmenter(d.userWords);

  it('loads jieba with the user dictionary (load time printed, not asserted)', () => {
    console.log(`jieba (@node-rs/jieba) with ${seg.userWordCount} user words loaded in ${seg.loadMs.toFixed(0)} ms`);
    expect(seg.userWordCount).toBe(d.userWords.length);
  });

  it('keeps government vocabulary and place names whole', () => {
    expect(seg.cut('推进最多跑一次改革和一网通办')).toEqual(expect.arrayContaining(['最多跑一次', '一网通办']));
    expect(seg.cut('景宁畲族自治县召开会议')).toContain('景宁畲族自治县');
  });

  it('gives word boundaries as offsets', () => {
    const b = seg.boundaries('我们自己经常讲');
    expect([...b].sort((x, y) => x - y)).toEqual([0, 2, 4, 6, 7]);
  });
});
