// Shared error types: each says whether the caller should retry, give up, or stop the program.

/** What the caller should do about an error. */
export type ErrorAction = 'retryable' | 'not-retryable' | 'fatal';

/** Base of govhealth's own errors: a message naming the thing, an action, and the cause. */
export class GovhealthError extends Error {
  readonly action: ErrorAction;
  constructor(message: string, action: ErrorAction, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.action = action;
  }
}

/** The configuration or the command-line arguments are wrong (exit code 3). Nothing has run. */
export class ConfigError extends GovhealthError {
  /** One line per problem: `path (line N): expected …, got …`. */
  readonly problems: string[];
  constructor(message: string, problems: string[] = [], options?: { cause?: unknown }) {
    super(problems.length ? `${message}\n  - ${problems.join('\n  - ')}` : message, 'fatal', options);
    this.problems = problems;
  }
}

/** A connection the product refuses to open (private address not allowed by the config). */
export class BlockedAddressError extends GovhealthError {
  readonly host: string;
  readonly address: string;
  constructor(host: string, address: string) {
    super(`refused to connect to ${host} (${address}): private, loopback or link-local address not allowed by network.allowPrivate`, 'not-retryable');
    this.host = host;
    this.address = address;
  }
}
