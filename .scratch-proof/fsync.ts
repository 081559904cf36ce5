import { openSync, writeSync, fdatasyncSync, closeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
const fd = openSync('/tmp/fsync-test', 'w');
const xs: number[] = [];
for (let i = 0; i < 200; i++) { writeSync(fd, 'x'.repeat(2000) + '\n'); const s = performance.now(); fdatasyncSync(fd); xs.push(performance.now() - s); }
closeSync(fd);
xs.sort((a, b) => a - b);
console.log('fdatasync p50', xs[100]!.toFixed(2), 'p99', xs[197]!.toFixed(2), 'max', xs[199]!.toFixed(2));
