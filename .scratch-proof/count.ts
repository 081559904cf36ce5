import { Store } from '../src/store/store.ts';
const s = await Store.open(process.argv[2]!);
const by: Record<string, number> = {};
let overdue = 0, days = 0;
for (const t of s.values('tasks')) { by[t.state] = (by[t.state] ?? 0) + 1; if (t.state === '办理中' && t.deadline < '2026-11-24') { overdue++; days += (Date.parse('2026-11-24') - Date.parse(t.deadline)) / 864e5; } }
console.log(by, 'overdue', overdue, 'avg days', days / overdue);
process.exit(0);
