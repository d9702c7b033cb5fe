// cli stage: what every command gets — output streams, environment, and shared option handling.
import type { Command } from 'commander';
import { loadConfig, type LoadedConfig, type SiteConfig } from '../config/index.ts';
import { ConfigError } from '../errors/index.ts';

/** Documented exit codes. */
export const EXIT = { ok: 0, unexpected: 1, findings: 2, config: 3 } as const;

/** I/O of a CLI invocation, injectable so commands are testable in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A command module: adds its command to the program. Returns the exit code through `io.exitCode`. */
export type RegisterCommand = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/** Loads the config named by --config, applying --data-dir and $GOVHEALTH_DATA_DIR (throws ConfigError). */
export function configFromOptions(opts: { config: string; dataDir?: string }, io: CliIO): LoadedConfig {
  return loadConfig(opts.config, { vars: io.env, dataDir: opts.dataDir });
}

/** Parses --now (ISO time), defaulting to the real clock. */
export function parseNow(value: string | undefined): Date {
  if (!value) return new Date();
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new ConfigError(`--now: expected an ISO time such as 2026-11-20T08:00:00+08:00, got "${value}"`);
  return d;
}

/**
 * The sites a command works on: the one named by --site, or all. An unknown id is an argument error: it is written
 * to stderr, exit code 3 is set, and undefined comes back.
 */
export function selectSites(config: LoadedConfig, site: string | undefined, io: CliIO, setExit: (code: number) => void): SiteConfig[] | undefined {
  const sites = config.sites.filter((s) => !site || s.id === site);
  if (sites.length) return sites;
  io.stderr.write(`govhealth: --site: no site "${site}" in ${config.source}\n`);
  setExit(EXIT.config);
  return undefined;
}
