// crawl stage: Crawlee's CheerioCrawler for ordinary pages, decoding GBK/GB18030 pages correctly (header, then
// <meta>, then detection) and resolving every name through the product's guarded resolver.
import type { IncomingMessage } from 'node:http';
import { buffer } from 'node:stream/consumers';
import { CheerioCrawler, type CheerioCrawlerOptions, type CheerioCrawlingContext, type Configuration } from '@crawlee/cheerio';
import { decodeHtml } from './decode.ts';

/**
 * A page's decoded text as the request handler receives it (`context.body`). The handler takes it out, so the text
 * lives only while the page is analysed: Crawlee keeps the context until the request is marked handled, and a page
 * text kept that long outlives two minor GCs and is promoted to the old generation (a third of what was promoted).
 */
export class PageText {
  constructor(private text: string | undefined) {}

  /** The text; later calls get ''. */
  take(): string {
    const text = this.text ?? '';
    this.text = undefined;
    return text;
  }
}

/**
 * CheerioCrawler that receives the raw bytes (forceResponseEncoding: latin1 keeps the stream untouched) and
 * decodes them itself: Crawlee only reads the charset from the HTTP header, and many government pages declare
 * theirs only in <meta>. Parsing is left to the request handler, so each page is parsed once instead of twice; the
 * text reaches it as a PageText.
 */
export class GovCheerioCrawler extends CheerioCrawler {
  constructor(options: CheerioCrawlerOptions, config?: Configuration) {
    super({ ...options, forceResponseEncoding: 'latin1' }, config);
  }

  protected override async _parseHTML(response: IncomingMessage, _isXml: boolean, crawlingContext: CheerioCrawlingContext) {
    const raw = await buffer(response);
    const decoded = decodeHtml(raw, response.headers['content-type']);
    (crawlingContext as unknown as { charset: string }).charset = decoded.charset;
    // The page is parsed once, by the request handler (page-parser.ts), which also needs the final URL.
    return {
      dom: undefined,
      $: undefined,
      body: new PageText(decoded.text),
      enqueueLinks: async () => ({ processedRequests: [], unprocessedRequests: [] }),
    } as never;
  }
}
