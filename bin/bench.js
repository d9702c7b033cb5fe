#!/usr/bin/env node
// Entry point of `npm run bench`: loads TypeScript sources through tsx, then runs the benchmark (bench/main.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/main.ts');
process.exitCode = await main(process.argv);
