// bench: the text corpus of the text-check run — page-sized texts of the generated site's prose, the content
// fixture's clean corpus (hotlines, masked data, both-valid pairs) and its draft, up to a size in UTF-8 bytes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanCorpus } from '../test/fixtures/content/clean-corpus.ts';
import { addDays } from '../test/fixtures/gov-site/dates.ts';
import { createRng } from '../test/fixtures/gov-site/prng.ts';
import { bodyParagraphs, makeTitle, type ProseKind } from '../test/fixtures/gov-site/prose.ts';
import { BENCH_TODAY, SECTIONS } from './site.ts';

/** Characters of one page-sized text. */
const PAGE_CHARS = 6000;

/** Page-sized texts totalling at least `bytes` UTF-8 bytes; the same for the same arguments. */
export function benchCorpus(bytes: number, seed = 20261120): string[] {
  const out: string[] = [];
  let total = 0;
  const push = (text: string) => {
    for (let i = 0; i < text.length; i += PAGE_CHARS) {
      const t = text.slice(i, i + PAGE_CHARS);
      out.push(t);
      total += Buffer.byteLength(t);
    }
  };
  push(cleanCorpus(Math.min(1_000_000, Math.ceil(bytes / 6))));
  push(readFileSync(fileURLToPath(new URL('../test/fixtures/content/draft.txt', import.meta.url)), 'utf8'));
  const rng = createRng(`${seed}:corpus`);
  while (total < bytes) {
    const parts: string[] = [];
    let len = 0;
    while (len < PAGE_CHARS) {
      const kind = SECTIONS[rng.int(SECTIONS.length)]![2] as ProseKind;
      const date = addDays(BENCH_TODAY, -rng.int(900));
      const title = makeTitle(kind, rng, date);
      const paras = [title, ...bodyParagraphs(kind, title, date, rng)];
      parts.push(...paras);
      len += paras.reduce((s, p) => s + p.length + 1, 0);
    }
    const text = parts.join('\n');
    out.push(text);
    total += Buffer.byteLength(text);
  }
  return out;
}
