// bench: runs one measured child process — wall time, peak RSS and CPU seconds of that process alone (from its own
// resource usage at exit), RSS sampled while it runs (optionally keyed by a progress count), a hard time limit.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./usage-preload.mjs', import.meta.url));

/** One RSS sample: seconds since start, resident MB of the process (and of its process tree), progress count. */
export interface RssSample {
  t: number;
  rssMB: number;
  /** Peak resident set so far (VmHWM). */
  hwmMB: number;
  treeRssMB?: number;
  progress?: number;
}

export interface Measured {
  wallS: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** CPU seconds (user + system) of the process, all its threads. */
  cpuS?: number;
  /** CPU seconds of the children it waited for (Chromium). */
  childrenCpuS?: number;
  /** Peak resident set of the process (its own resource usage; falls back to the sampled peak). */
  peakRssMB?: number;
  /** Peak of the sampled sum over the process and its descendants. */
  peakTreeRssMB?: number;
  samples: RssSample[];
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Sampling period (ms). */
  everyMs?: number;
  /** Also sample the RSS of the descendants (browser runs). */
  tree?: boolean;
  /** Read while sampling: a progress count (pages done) to key samples by. */
  progress?(): number | undefined;
}

function statusKB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const p = todo.pop()!;
    for (const [pid, pp] of parent) if (pp === p) (out.push(pid), todo.push(pid));
  }
  return out;
}

/** CPU seconds (utime + stime) of a running process, from /proc/<pid>/stat. */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return undefined;
  }
}

const tail = (s: string, n = 64_000) => (s.length > n ? s.slice(-n) : s);

/** Runs `node <args>` with the usage preload and measures it. */
export function measureNode(args: string[], options: MeasureOptions): Promise<Measured> {
  const usageFile = join(tmpdir(), `govhealth-bench-usage-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PRELOAD, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = tail(stdout + d)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = tail(stderr + d)));
  const samples: RssSample[] = [];
  let peakSampled = 0;
  let peakTree = 0;
  let sampledCpuS: number | undefined;
  const sample = () => {
    const pid = child.pid;
    if (!pid) return;
    sampledCpuS = cpuSecondsOf(pid) ?? sampledCpuS;
    const rss = statusKB(pid, 'VmRSS');
    if (rss === undefined) return;
    const hwm = statusKB(pid, 'VmHWM') ?? rss;
    peakSampled = Math.max(peakSampled, hwm);
    const s: RssSample = { t: (performance.now() - started) / 1000, rssMB: rss / 1024, hwmMB: hwm / 1024 };
    if (options.tree) {
      const tree = rss + descendants(pid).reduce((sum, p) => sum + (statusKB(p, 'VmRSS') ?? 0), 0);
      peakTree = Math.max(peakTree, tree);
      s.treeRssMB = tree / 1024;
    }
    const progress = options.progress?.();
    if (progress !== undefined) s.progress = progress;
    samples.push(s);
  };
  const timer = setInterval(sample, options.everyMs ?? 1000);
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearInterval(timer);
      clearTimeout(killer);
      const wallS = (performance.now() - started) / 1000;
      let usage: { maxRssKB: number; userS: number; systemS: number; childrenCpuS: number } | undefined;
      if (existsSync(usageFile)) {
        usage = JSON.parse(readFileSync(usageFile, 'utf8'));
        rmSync(usageFile, { force: true });
      }
      resolve({
        wallS,
        exitCode,
        signal,
        timedOut,
        // A process stopped at its time limit writes no usage: the last sample stands in (up to a second short).
        ...(usage ? { cpuS: usage.userS + usage.systemS, childrenCpuS: usage.childrenCpuS } : sampledCpuS !== undefined ? { cpuS: sampledCpuS } : {}),
        ...(usage || peakSampled ? { peakRssMB: (usage?.maxRssKB ?? peakSampled) / 1024 } : {}),
        ...(options.tree ? { peakTreeRssMB: peakTree / 1024 } : {}),
        samples,
        stdout,
        stderr,
      });
    });
  });
}

/** The 1-minute load average and its text, to print next to every figure. */
export function loadAverage(): { load1: number; text: string } {
  try {
    const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ');
    return { load1: Number(one), text: `load ${one} ${five} ${fifteen}` };
  } catch {
    return { load1: NaN, text: 'load unknown' };
  }
}
