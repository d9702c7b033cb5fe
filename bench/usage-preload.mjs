// bench: preloaded into every measured child (`node --import`): at exit, writes the process's own resource usage
// (peak RSS, CPU of all its threads, CPU of its reaped children such as Chromium) to $BENCH_USAGE_FILE.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.BENCH_USAGE_FILE;
if (out) {
  process.on('exit', () => {
    const ru = process.resourceUsage();
    let childrenCpuS = 0;
    try {
      const stat = readFileSync('/proc/self/stat', 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 16 and 17 of proc(5): cutime and cstime, in clock ticks (100 a second on Linux).
      childrenCpuS = (Number(rest[13]) + Number(rest[14])) / 100;
    } catch {
      // not on Linux: children's CPU unknown
    }
    writeFileSync(out, JSON.stringify({ maxRssKB: ru.maxRSS, userS: ru.userCPUTime / 1e6, systemS: ru.systemCPUTime / 1e6, childrenCpuS }));
  });
}
