/**
 * Builds the large-city data directory through the store API (`tsx bench/scale/generate.ts <dir>`):
 * 20,000 enterprises listed by five units each (100,000 signals), 20,000 supervised tasks with
 * their 完成 / 办结 steps, and read-only commands up to 200,000 journal records (the audit), each
 * with the changes its command writes (see docs.ts) — spread over two years up to
 * BENCH_NOW, then the hourly housekeeping as the service runs it (inbox > 7 days, sent outbox >
 * 30 days), a checkpoint, and a journal tail of 4,000 records after it, as a service that was
 * running finds it at start-up.
 *
 * Outbox items are written as sent in the record that queued them (the worker's separate
 * "sent" records are left out, so the 200,000 records are all commands).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneOld } from '../../src/store/housekeeping.ts';
import type { Enterprise, Task } from '../../src/store/model.ts';
import { Store } from '../../src/store/store.ts';
import type { Tx } from '../../src/store/tx.ts';
import { rng } from '../../test/proof/support/rng.ts';
import { addSignal, fileReply, inbox, leadPerson, LISTING, newEnterprise, newTask, outboxItem, registerPush, registerReply, taskNotice, unitName } from './docs.ts';

export const BENCH_NOW = new Date('2026-11-24T09:00:00+08:00');
export const SCALE = { enterprises: 20_000, signalsPer: 5, tasks: 20_000, records: 200_000, tail: 4_000 };
const DAY = 86_400_000;
const SPAN = 730 * DAY;
const START = BENCH_NOW.getTime() - SPAN;

type Event = { at: number; kind: 'signal'; n: number; k: number } | { at: number; kind: 'task'; j: number } | { at: number; kind: 'done' | 'close'; j: number } | { at: number; kind: 'read'; r: number };

function timeline(): Event[] {
  const rand = rng(42);
  const events: Event[] = [];
  const { enterprises, signalsPer, tasks } = SCALE;
  // Enterprise n is listed at created(n); the other four units follow within ~60 days.
  const created = (n: number) => START + ((n - 0.5) / enterprises) * (SPAN - 2 * DAY);
  for (let n = 1; n <= enterprises; n++) {
    let at = created(n);
    for (let k = 0; k < signalsPer; k++) {
      events.push({ at: Math.min(at, BENCH_NOW.getTime() - 3_600_000), kind: 'signal', n, k });
      at += rand() * 15 * DAY;
    }
  }
  // Tasks are given over the two years with a deadline 20 days on. An office that works keeps up:
  // a task older than 60 days was reported done (97 %) and mostly closed (95 % of those); the
  // rest are stuck and overdue. Younger tasks are done half of the time, if that is already past.
  let updates = 0;
  for (let j = 1; j <= tasks; j++) {
    const at = START + 3 * DAY + rand() * (SPAN - 4 * DAY);
    events.push({ at, kind: 'task', j });
    const old = at < BENCH_NOW.getTime() - 60 * DAY;
    const doneAt = at + (5 + rand() * 15) * DAY;
    if ((old ? rand() < 0.97 : rand() < 0.5) && doneAt < BENCH_NOW.getTime()) {
      events.push({ at: doneAt, kind: 'done', j });
      updates++;
      const closeAt = doneAt + (1 + rand() * 5) * DAY;
      if ((old ? rand() < 0.95 : rand() < 0.5) && closeAt < BENCH_NOW.getTime()) {
        events.push({ at: closeAt, kind: 'close', j });
        updates++;
      }
    }
  }
  // Read-only commands fill the journal up to the 200,000 records of the issue.
  const reads = SCALE.records - enterprises * signalsPer - tasks - updates;
  for (let r = 1; r <= reads; r++) events.push({ at: START + rand() * SPAN, kind: 'read', r });
  return events.sort((a, b) => a.at - b.at);
}

export async function generate(dir: string): Promise<{ records: number; seconds: number }> {
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  const events = timeline();
  const times: number[] = [];
  const clock = () => new Date(times.shift() ?? BENCH_NOW.getTime());
  let store = await Store.open(dir, { clock });
  const enterprisesAt = (at: number) => Math.max(1, Math.floor(((at - START) / (SPAN - 2 * DAY)) * SCALE.enterprises));
  const taskEnterprise = new Map<number, string>();
  const taskCreated = new Map<number, number>();
  let msg = 0;
  let inflight: Promise<unknown>[] = [];

  const run = async (at: number, actor: string, action: string, fn: (tx: Tx, key: string, iso: string) => void) => {
    const key = `wecom:gen${++msg}`;
    const iso = new Date(at).toISOString();
    times.push(at);
    inflight.push(store.transact({ actor, action, source: key }, (tx) => fn(tx, key, iso)));
    if (inflight.length >= 400) {
      await Promise.all(inflight);
      inflight = [];
    }
  };

  const apply = async (ev: Event) => {
    switch (ev.kind) {
      case 'signal': {
        const l = LISTING[ev.k]!;
        await run(ev.at, l.person, '登记', (tx, key, iso) => {
          const id = `E${ev.n}`;
          const isNew = ev.k === 0;
          let e: Enterprise = isNew ? newEnterprise(ev.n, id, iso) : tx.get('enterprises', id)!;
          if (isNew) tx.put('counters', { id: 'E', next: ev.n + 1 });
          e = addSignal(e, ev.k, ev.n, iso, isNew);
          tx.put('enterprises', e);
          tx.put('outbox', outboxItem(`${key}#登记#0`, iso, 'director', registerPush(e, ev.k, isNew)));
          tx.put('inbox', inbox(key, iso, registerReply(e, ev.k, isNew)));
        });
        return;
      }
      case 'task': {
        const eid = `E${1 + Math.floor(((ev.j * 7919) % 10007) / 10007 * enterprisesAt(ev.at))}`;
        taskEnterprise.set(ev.j, eid);
        taskCreated.set(ev.j, ev.at);
        await run(ev.at, 'director', '交办', (tx, key, iso) => {
          const deadline = new Date(ev.at + 20 * DAY).toISOString().slice(0, 10);
          const t = newTask(`T${ev.j}`, ev.j, eid, deadline, iso);
          tx.put('counters', { id: 'T', next: ev.j + 1 });
          tx.put('tasks', t);
          const notice = taskNotice(t);
          tx.put('outbox', outboxItem(`${key}#交办#0`, iso, leadPerson(t.leadUnitId), notice));
          tx.put('outbox', outboxItem(`${key}#交办#1`, iso, leadPerson(t.coUnitIds[0]!), notice));
          tx.put('inbox', inbox(key, iso, `已交办 ${t.id}，已通知牵头单位和协办单位。期限：${t.deadline}。\n${notice}`));
        });
        return;
      }
      case 'done':
      case 'close': {
        const done = ev.kind === 'done';
        const probe = newTask(`T${ev.j}`, ev.j, 'E1', '2026-01-01', '');
        await run(ev.at, done ? leadPerson(probe.leadUnitId) : 'director', done ? '完成' : '办结', (tx, key, iso) => {
          const t: Task = tx.get('tasks', `T${ev.j}`)!;
          if (done) {
            const note = `已于${iso.slice(5, 10)}办结并移交管理人`;
            t.state = '已完成待审';
            t.completion = { note, by: leadPerson(t.leadUnitId), at: iso };
            t.history.push({ at: iso, by: leadPerson(t.leadUnitId), text: `${unitName(t.leadUnitId)}报完成：${note}` });
          } else {
            t.state = '已办结';
            t.closedAt = iso;
            t.history.push({ at: iso, by: 'director', text: '办公室主任审核办结' });
          }
          t.updatedAt = iso;
          tx.put('tasks', t);
          tx.put('outbox', outboxItem(`${key}#${done ? '完成' : '办结'}#0`, iso, done ? 'director' : leadPerson(t.leadUnitId), taskNotice(t)));
          tx.put('inbox', inbox(key, iso, done ? `已报告 ${t.id} 完成，等待办公室主任审核。` : `已办结 ${t.id}。`));
        });
        return;
      }
      case 'read': {
        const id = `E${1 + (ev.r % enterprisesAt(ev.at))}`;
        await run(ev.at, 'director', ev.r % 3 === 0 ? '名册' : '企业', (tx, key, iso) => {
          const e = tx.get('enterprises', id);
          tx.put('inbox', inbox(key, iso, ev.r % 3 === 0 || !e ? `**困境企业名册**（共${enterprisesAt(ev.at)}家）\n${'E1 某某机械有限公司 — 区税务局、区人社局\n'.repeat(30)}` : fileReply(e)));
        });
        return;
      }
    }
  };

  const main = events.slice(0, events.length - SCALE.tail);
  const tail = events.slice(events.length - SCALE.tail);
  let done = 0;
  for (const ev of main) {
    await apply(ev);
    if (++done % 20_000 === 0) process.stderr.write(`  scale: ${done} / ${events.length} records\n`);
  }
  await Promise.all(inflight);
  inflight = [];
  // The service's hourly housekeeping, as of BENCH_NOW.
  await pruneOld(store, BENCH_NOW);
  await store.close();

  // The tail: what a running service journaled since its last checkpoint, then a hard stop.
  store = await Store.open(dir, { clock, checkpointEvery: Number.MAX_SAFE_INTEGER });
  for (const ev of tail) await apply(ev);
  await Promise.all(inflight);
  await store.durable();
  const records = store.lastSeq;
  (store as unknown as { lock: { release(): void } }).lock.release();
  writeFileSync(join(dir, 'GENERATED'), JSON.stringify({ records, at: new Date().toISOString(), scale: SCALE }));
  return { records, seconds: (Date.now() - started) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: generate.ts <dir>');
  const r = await generate(dir);
  console.log(JSON.stringify(r));
  // The journal file handle of the "crashed" store is still open: leave without a checkpoint.
  process.exit(0);
}
