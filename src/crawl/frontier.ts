// crawl stage: the HTTP crawler's frontier — the pages waiting to be fetched, handed to Crawlee through its
// request-manager interface. Crawlee's own in-memory queue keeps every request it was ever given (about 1.1 KB
// each, handled ones included), which at 100,000 pages is over 100 MB that the garbage collector then multiplies;
// this keeps only what is waiting or in flight. The durable frontier is the database (pages and their links), from
// which a resumed crawl refills it.
import { Request, type IRequestManager, type RequestsLike, type Source } from '@crawlee/cheerio';

interface Waiting {
  url: string;
  depth: number;
}

interface OperationInfo {
  requestId: string;
  uniqueKey: string;
  wasAlreadyPresent: boolean;
  wasAlreadyHandled: boolean;
  forefront: boolean;
}

/**
 * First in, first out, with retried requests back at the end (or the front when asked), as Crawlee's queue does.
 * URLs are deduplicated by the caller (the crawl offers each URL once).
 */
export class Frontier implements IRequestManager {
  /** Waiting URLs from `head` on; retried requests keep their Request (retry count, error messages). */
  private waiting: (Waiting | Request)[] = [];
  private head = 0;
  private readonly inFlight = new Set<Request>();
  private handled = 0;
  private total = 0;
  private nextId = 0;

  /** Queues pages to fetch at a depth. Returns how many were queued. */
  add(urls: readonly string[], depth: number): number {
    for (const url of urls) this.waiting.push({ url, depth });
    this.total += urls.length;
    return urls.length;
  }

  async isFinished(): Promise<boolean> {
    return this.size() === 0 && this.inFlight.size === 0;
  }

  async isEmpty(): Promise<boolean> {
    return this.size() === 0;
  }

  async handledCount(): Promise<number> {
    return this.handled;
  }

  getTotalCount(): number {
    return this.total;
  }

  getPendingCount(): number {
    return this.size() + this.inFlight.size;
  }

  async fetchNextRequest<T extends Record<string, unknown> = Record<string, unknown>>(): Promise<Request<T> | null> {
    while (this.size() > 0) {
      const next = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as never;
      // Drop the consumed part of the array once it is most of it (amortised O(1) per request).
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      const request = next instanceof Request ? next : this.request(next);
      if (!request) continue;
      this.inFlight.add(request);
      return request as Request<T>;
    }
    return null;
  }

  /** The Crawlee request of a waiting URL (made only when it is fetched); a URL Crawlee refuses is dropped. */
  private request(w: Waiting): Request | undefined {
    try {
      return new Request({ id: String(this.nextId++), url: w.url, uniqueKey: w.url, userData: { depth: w.depth } });
    } catch {
      this.handled++;
      return undefined;
    }
  }

  async markRequestHandled(request: Request): Promise<OperationInfo> {
    if (this.inFlight.delete(request)) this.handled++;
    request.handledAt ??= new Date().toISOString();
    return this.info(request, false, true);
  }

  async reclaimRequest(request: Request, options: { forefront?: boolean } = {}): Promise<OperationInfo> {
    this.inFlight.delete(request);
    this.put(request, Boolean(options.forefront));
    return this.info(request, Boolean(options.forefront), false);
  }

  async addRequest(source: Source, options: { forefront?: boolean } = {}): Promise<OperationInfo> {
    const request = source instanceof Request ? source : new Request({ ...(source as object), id: String(this.nextId++) } as never);
    request.id ??= String(this.nextId++);
    this.total++;
    this.put(request, Boolean(options.forefront));
    return { ...this.info(request, Boolean(options.forefront), false), wasAlreadyPresent: false };
  }

  async addRequestsBatched(requests: RequestsLike): Promise<{ addedRequests: OperationInfo[]; waitForAllRequestsToBeAdded: Promise<OperationInfo[]> }> {
    const added: OperationInfo[] = [];
    for await (const r of requests as AsyncIterable<Source | string>) added.push(await this.addRequest(typeof r === 'string' ? { url: r } : r));
    return { addedRequests: added, waitForAllRequestsToBeAdded: Promise.resolve([]) };
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (let r; (r = await this.fetchNextRequest()); ) yield r;
  }

  private put(request: Request, forefront: boolean): void {
    if (!forefront) this.waiting.push(request);
    else if (this.head > 0) this.waiting[--this.head] = request;
    else this.waiting.unshift(request);
  }

  private size(): number {
    return this.waiting.length - this.head;
  }

  private info(request: Request, forefront: boolean, handled: boolean): OperationInfo {
    return { requestId: request.id ?? '', uniqueKey: request.uniqueKey, wasAlreadyPresent: true, wasAlreadyHandled: handled, forefront };
  }
}
