// crawl stage: run async work over a list with bounded parallelism (p-queue), keeping the results in order.
import PQueue from 'p-queue';

/** Runs `fn` over `items` with at most `limit` running at once; results come back in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const queue = new PQueue({ concurrency: Math.max(1, limit) });
  return Promise.all(items.map((item) => queue.add(() => fn(item)) as Promise<R>));
}
