import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
const d = JSON.parse(readFileSync('/tmp/scale-test/snapshot/tasks.0.json', 'utf8'));
for (let i = 0; i < 5; i++) { const s = performance.now(); const t = JSON.stringify(d); console.log('tasks', (performance.now() - s).toFixed(1), t.length); }
const e = JSON.parse(readFileSync('/tmp/scale-test/snapshot/enterprises.3.json', 'utf8'));
for (let i = 0; i < 3; i++) { const s = performance.now(); JSON.stringify(e); console.log('ent bucket', (performance.now() - s).toFixed(1)); }
