// test helper: runs `govhealth report` in-process through its register function (main.ts wires it separately).
import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { registerReport } from '../../src/cli/report.ts';
import { ConfigError } from '../../src/errors/index.ts';

export interface ReportCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `govhealth report <args>` with captured output; exit codes as main.ts maps them. */
export async function runReport(args: string[], cwd = process.cwd()): Promise<ReportCliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  let code = 0;
  const program = new Command().name('govhealth').exitOverride().configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) });
  registerReport(program, { stdout: out, stderr: err, env: { GOVHEALTH_LOG_LEVEL: 'silent' }, cwd }, (c) => (code = c));
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) });
  try {
    await program.parseAsync(['node', 'govhealth', 'report', ...args]);
  } catch (e) {
    if (e instanceof CommanderError || e instanceof ConfigError) {
      stderr += (e as Error).message;
      code = 3;
    } else {
      stderr += (e as Error).stack ?? String(e);
      code = 1;
    }
  }
  return { code, stdout, stderr };
}
