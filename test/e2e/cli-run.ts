// test helper: runs the govhealth CLI in-process with captured output, or as a child process (the built bin).
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';

export const BIN = fileURLToPath(new URL('../../bin/govhealth.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `govhealth <args>` in this process. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const code = await main(['node', 'govhealth', ...args], { stdout: out, stderr: err, env: { ...process.env, GOVHEALTH_LOG_LEVEL: 'silent', ...env }, cwd: process.cwd() });
  return { code, stdout, stderr };
}

/** Starts `node bin/govhealth.js <args>` as a child process. */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, GOVHEALTH_LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the built CLI to completion. */
export function execCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
