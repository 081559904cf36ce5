import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.ts';
import { toShanghaiDate } from '../src/domain/calendar/shanghai.ts';
import { loadConfig } from '../src/config/load.ts';
import { buildDailyDigest } from '../src/scheduler/digest/daily.ts';
import { BENCH_NOW } from '../bench/scale/generate.ts';
const config = loadConfig();
const app = await createApp({ config, dataDir: process.argv[2]!, senders: [], clock: () => BENCH_NOW });
for (let i = 0; i < 3; i++) {
  await app.store.transact({ actor: 'x', action: 'x' }, (tx) => {
    const s = performance.now();
    const d = buildDailyDigest({ tx, config, calendar: app.calendar, now: BENCH_NOW, today: toShanghaiDate(BENCH_NOW) }, undefined);
    console.log(performance.now() - s, d.text.length);
  });
}
process.exit(0);
