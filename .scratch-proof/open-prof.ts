import { performance } from 'node:perf_hooks';
import { Store } from '../src/store/store.ts';
const s = performance.now();
const store = await Store.open(process.argv[2]!);
console.log('open', performance.now() - s, store.lastSeq);
process.exit(0);
