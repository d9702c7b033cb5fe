// probes stage: does the machine running the probe have a route to an IPv6 address? Without one, IPv6
// reachability cannot be measured and must not be reported as every site failing.
import { createSocket } from 'node:dgram';

/** Answers whether the probing machine can route to an address; injected in tests. */
export type RouteCheck = (address: string) => Promise<boolean>;

const NO_ROUTE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);

/**
 * Asks the kernel for a route by connecting a UDP socket (a connect of UDP sends no packet; it only selects a
 * route and a source address). True when a route exists; false when the kernel has none or IPv6 is disabled.
 */
export const kernelRouteCheck: RouteCheck = (address) =>
  new Promise((resolve) => {
    let socket: ReturnType<typeof createSocket>;
    try {
      socket = createSocket('udp6');
    } catch {
      resolve(false);
      return;
    }
    const done = (ok: boolean): void => {
      try {
        socket.close();
      } catch {
        // already closed
      }
      resolve(ok);
    };
    socket.on('error', () => done(false));
    try {
      socket.connect(9, address, (err?: Error) => {
        if (!err) return done(true);
        done(!NO_ROUTE.has((err as NodeJS.ErrnoException).code ?? ''));
      });
    } catch {
      done(false);
    }
  });

/** Remembers route answers per address for one run, so the machine's state is asked once per address. */
export class RouteCache {
  private readonly answers = new Map<string, Promise<boolean>>();
  constructor(private readonly check: RouteCheck = kernelRouteCheck) {}

  has(address: string): Promise<boolean> {
    let answer = this.answers.get(address);
    if (!answer) {
      answer = this.check(address).catch(() => false);
      this.answers.set(address, answer);
    }
    return answer;
  }

  /** Addresses asked about that had no route. */
  async unrouted(): Promise<string[]> {
    const out: string[] = [];
    for (const [address, answer] of this.answers) if (!(await answer)) out.push(address);
    return out;
  }
}
