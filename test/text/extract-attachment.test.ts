// Attachment text: every fixture format, the format guess, size cap and unreadable files as `skipped`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { AttachmentParser, decodeText, extractAttachmentText, sniffFormat } from '../../src/text/extract-attachment.ts';

const DIR = new URL('../fixtures/content/', import.meta.url).pathname;
const read = (f: string) => readFileSync(DIR + f);
const opts = { maxBytes: 10_000_000, maxChars: 1_000_000 };

describe('extractAttachmentText', () => {
  it.each([
    ['notice.pdf', 'pdf', '身份证号：330106198503121231'],
    ['draft.docx', 'docx', '践行社会主义核心价值关'],
    ['recipients.xlsx', 'xlsx', '1\t李四\t332502197802262214\t13812341234\t6228480012345678903\t860'],
    ['recipients.xls', 'xls', '1\t钱七\t331082199005305122\t17712343344'],
    ['minutes.doc', 'doc', '秘密★1年\n专题会议纪要'],
  ])('reads %s as %s', async (file, format, expected) => {
    const r = await extractAttachmentText(read(file), { ...opts, name: file });
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.format).toBe(format);
    expect(r.text).toContain(expected);
  });

  it('guesses the format from the bytes, whatever the name says', () => {
    expect(sniffFormat(read('notice.pdf'), 'download.php?id=3')).toBe('pdf');
    expect(sniffFormat(read('draft.docx'), 'a.bin')).toBe('docx');
    expect(sniffFormat(read('recipients.xlsx'), '')).toBe('xlsx');
    expect(sniffFormat(read('recipients.xls'), '')).toBe('xls');
    expect(sniffFormat(read('minutes.doc'), '')).toBe('doc');
    expect(sniffFormat(Buffer.from('hello'), 'list.csv')).toBe('txt');
  });

  it('reports a broken file, an oversized file and an unknown format as skipped with the reason', async () => {
    const broken = await extractAttachmentText(read('broken.pdf'), opts);
    expect(broken).toMatchObject({ status: 'skipped', format: 'pdf' });
    expect(broken.status === 'skipped' && broken.reason).toMatch(/^cannot parse PDF: /);
    const big = await extractAttachmentText(read('recipients.xlsx'), { ...opts, maxBytes: 100 });
    expect(big.status === 'skipped' && big.reason).toMatch(/over the 100-byte limit/);
    const zip = await extractAttachmentText(Buffer.from('PK\x03\x04rest', 'latin1'), { ...opts, name: 'a.zip' });
    expect(zip.status === 'skipped' && zip.reason).toMatch(/unsupported format/);
  });

  it('stops a parser that takes longer than the timeout and reports the file as skipped', async () => {
    const parser = new AttachmentParser(1);
    const r = await extractAttachmentText(read('notice.pdf'), { ...opts, parser });
    expect(r.status === 'skipped' && r.reason).toMatch(/timed out after 1 ms \(checks.content.attachments.timeoutMs\)/);
    await parser.close();
  });

  it('reuses one worker for many files', async () => {
    const parser = new AttachmentParser(30_000);
    const results = await Promise.all(['draft.docx', 'minutes.doc', 'recipients.xls'].map((f) => extractAttachmentText(read(f), { ...opts, parser })));
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    await parser.close();
  });

  it('cuts text beyond maxChars and says so', async () => {
    const r = await extractAttachmentText(read('minutes.doc'), { ...opts, maxChars: 5 });
    expect(r).toMatchObject({ status: 'ok', truncated: true, text: '秘密★1年' });
  });

  it('decodes GB18030 text files', () => {
    expect(decodeText(iconv.encode('关于做好秸秆综合利用工作的通知，请各单位认真贯彻落实。', 'gb18030'))).toBe('关于做好秸秆综合利用工作的通知，请各单位认真贯彻落实。');
  });
});
