import type { Config } from '../../../src/config/config.ts';
import { addDays } from '../../../src/domain/calendar/civil.ts';
import { triggersFor } from '../../../src/domain/triggers.ts';
import type { WorkingCalendar } from '../../../src/domain/calendar/working-days.ts';
import { activeSignals } from '../../../src/store/enterprises.ts';
import type { Store } from '../../../src/store/store.ts';
import { enterpriseNameFor, usccFor } from './uscc.ts';

/**
 * The crash run's commands and what each one must have done. Every command's effect is independent
 * of the order in which the commands run (enterprises are named by 信用代码, every signal is a
 * distinct unit × trigger × enterprise, every task, loan, meeting and agenda item has its own text),
 * so whatever the interleaving of kills, retries and restarts, the store must end up with exactly
 * the model: each acknowledged effect present, none twice.
 */
export type Effect =
  | { kind: 'signal'; uscc?: string; enterpriseId?: string; unitId: string; trigger: string }
  | { kind: 'cases'; enterpriseId: string; litigation: number; enforcement: number }
  | { kind: 'tier'; enterpriseId: string; tier: number }
  | { kind: 'credit'; enterpriseId: string }
  | { kind: 'task'; content: string }
  | { kind: 'loan'; bank: string }
  | { kind: 'meeting'; topic: string }
  | { kind: 'agenda'; topic: string }
  | { kind: 'read' };

export interface CrashCommand {
  n: number;
  /** WeCom userid of the sender. */
  from: string;
  text: string;
  /** The first answer must look like this (success of the command). */
  expect: RegExp;
  effect: Effect;
  seed?: boolean;
}

export interface ModelOptions {
  config: Config;
  calendar: WorkingCalendar;
  /** Today in Shanghai, for dates the commands need (the service runs on real time). */
  today: string;
  rand: () => number;
  seeded: number;
  newEnterprises: number;
  total: number;
}

export interface Model {
  commands: CrashCommand[];
  /** Kinds left out because the holiday calendar does not cover the dates they need. */
  skipped: string[];
}

export function buildModel(o: ModelOptions): Model {
  const { config, rand } = o;
  const wecomId = (personId: string) => config.personById(personId)!.ids.wecom!;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const liaisons = config.people.filter((p) => p.roles.includes('liaison') && p.unitId && p.ids.wecom);
  // Every (liaison, trigger) a liaison may register: derived from the units and the triggers.
  const pairs = liaisons.flatMap((p) => triggersFor(config.unitById(p.unitId!)!.kind).map((t) => ({ person: p.id, unitId: p.unitId!, word: t.aliases[0] ?? t.label, code: t.code })));
  const court = liaisons.find((p) => config.unitById(p.unitId!)!.kind === 'court')!.id;
  const tax = liaisons.find((p) => config.unitById(p.unitId!)!.kind === 'tax')!.id;
  const pboc = liaisons.find((p) => config.unitById(p.unitId!)!.kind === 'pboc')!.id;
  const director = config.peopleWithRole('director')[0]!.id;

  const commands: CrashCommand[] = [];
  const add = (c: Omit<CrashCommand, 'n'>) => commands.push({ n: commands.length + 1, ...c });

  // Seeds: E1…E<seeded>, registered one at a time before the kills start (so E<n> is enterprise n).
  for (let n = 1; n <= o.seeded; n++) {
    add({ seed: true, from: wecomId(tax), text: `登记 ${enterpriseNameFor(n)} 代码:${usccFor(n)} 情形:欠税 说明:"欠缴税款${n}个月"`, expect: new RegExp(`^已列入名册：E${n} `, 'u'), effect: { kind: 'signal', uscc: usccFor(n), unitId: config.personById(tax)!.unitId!, trigger: 'tax_arrears' } });
  }

  // Can the dates these commands need be computed? (The built-in holiday data ends with a year.)
  const covered = (d: string) => {
    try {
      o.calendar.isWorkingDay(d);
      return true;
    } catch {
      return false;
    }
  };
  // 交办 needs 20 working days ahead, 申请会议 up to 12: about four weeks.
  const datesOk = covered(o.today) && covered(addDays(o.today, 35));
  const skipped = datesOk ? [] : ['交办', '申请会议'];

  const main: Omit<CrashCommand, 'n'>[] = [];
  const seededIds = Array.from({ length: o.seeded }, (_, i) => `E${i + 1}`);
  const distinct = (count: number) => [...seededIds].sort(() => rand() - 0.5).slice(0, Math.min(count, seededIds.length));
  const quota = {
    cases: 25, tier: 25, credit: 15, loan: 40, agenda: 25, read: 60,
    task: datesOk ? 50 : 0, meeting: datesOk ? 25 : 0,
  };
  for (const id of distinct(quota.cases)) {
    const [lit, enf] = [1 + Math.floor(rand() * 9), Math.floor(rand() * 6)];
    main.push({ from: wecomId(court), text: `案件 ${id} 诉讼:${lit} 执行:${enf}`, expect: new RegExp(`^已登记 ${id} `, 'u'), effect: { kind: 'cases', enterpriseId: id, litigation: lit, enforcement: enf } });
  }
  for (const id of distinct(quota.tier)) {
    const tier = 1 + Math.floor(rand() * 3);
    main.push({ from: wecomId(director), text: `分档 ${id} 档:${tier} 理由:"排查后研判，第${id}号"`, expect: /^已分档/u, effect: { kind: 'tier', enterpriseId: id, tier } });
  }
  for (const id of distinct(quota.credit)) {
    main.push({ from: wecomId(court), text: `信用修复 ${id} 裁定:重整计划 裁定日期:${addDays(o.today, -12)} 申请日期:${addDays(o.today, -10)}`, expect: /^已登记信用修复申请 C\d+/u, effect: { kind: 'credit', enterpriseId: id } });
  }
  for (let i = 1; i <= quota.loan; i++) {
    const bank = `某某银行第${i}支行`;
    main.push({ from: wecomId(pboc), text: `贷款 企业:${pick(seededIds)} 银行:${bank} 金额:${100 + i}万 到期:${addDays(o.today, 200 + i)}`, expect: /^已登记贷款 L\d+/u, effect: { kind: 'loan', bank } });
  }
  for (let i = 1; i <= quota.agenda; i++) {
    const topic = `联席议题第${i}项`;
    main.push({ from: wecomId(director), text: `议题 ${topic} 企业:${pick(seededIds)}`, expect: /^已提出下次联席会议议题 A\d+/u, effect: { kind: 'agenda', topic } });
  }
  if (datesOk) {
    const deadline = o.calendar.addWorkingDays(o.today, 20);
    for (let i = 1; i <= quota.task; i++) {
      const content = `督办事项第${i}项`;
      main.push({ from: wecomId(director), text: `交办 内容:${content} 牵头:法院 协办:公安局 期限:${deadline} 企业:${pick(seededIds)}`, expect: /^已交办 T\d+/u, effect: { kind: 'task', content } });
    }
    for (let i = 1; i <= quota.meeting; i++) {
      const topic = `协调会议第${i}次`;
      const day = o.calendar.addWorkingDays(o.today, 3 + (i % 10));
      main.push({ from: wecomId(tax), text: `申请会议 议题:${topic} 单位:人社局,法院 企业:${pick(seededIds)} 时间:"${day} 15:00"`, expect: /^已发出会议邀请 M\d+/u, effect: { kind: 'meeting', topic } });
    }
  }
  for (let i = 1; i <= quota.read; i++) {
    const text = i % 3 === 0 ? '名册' : `企业 ${pick(seededIds)}`;
    main.push({ from: wecomId(director), text, expect: i % 3 === 0 ? /困境企业名册/u : /E\d+ /u, effect: { kind: 'read' } });
  }

  // 登记 fills the rest: signals on the seeded enterprises by id, and new enterprises by 信用代码,
  // several units each, no unit × trigger twice on one enterprise.
  const used = new Set<string>(seededIds.map((id) => `${id}|${config.personById(tax)!.unitId}|tax_arrears`));
  const registrations = o.total - o.seeded - main.length;
  for (let guard = 0; main.length < o.total - o.seeded && guard < registrations * 20; guard++) {
    const p = pick(pairs);
    const byId = rand() < 0.4;
    const k = o.seeded + 1 + Math.floor(rand() * o.newEnterprises);
    const target = byId ? pick(seededIds) : usccFor(k);
    const key = `${target}|${p.unitId}|${p.code}`;
    if (used.has(key)) continue;
    used.add(key);
    const detail = `说明:"第${main.length}次排查：${p.word}"`;
    main.push(
      byId
        ? { from: wecomId(p.person), text: `登记 ${target} 情形:${p.word} ${detail}`, expect: new RegExp(`^已登记：${target} `, 'u'), effect: { kind: 'signal', enterpriseId: target, unitId: p.unitId, trigger: p.code } }
        : { from: wecomId(p.person), text: `登记 ${enterpriseNameFor(k)} 代码:${target} 情形:${p.word} ${detail}`, expect: /^已(列入名册|登记)：E\d+ /u, effect: { kind: 'signal', uscc: target, unitId: p.unitId, trigger: p.code } },
    );
  }
  // Shuffle the main phase (Fisher–Yates on the seeded generator).
  for (let i = main.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [main[i], main[j]] = [main[j]!, main[i]!];
  }
  for (const c of main) add(c);
  return { commands, skipped };
}

/** How many times an effect is in the store (0 = missing, 1 = right, 2+ = applied twice). */
export function countEffect(store: Store, e: Effect): number {
  const enterprise = (ref: { uscc?: string; enterpriseId?: string }) =>
    ref.enterpriseId ? store.get('enterprises', ref.enterpriseId) : store.lookup('enterprises', 'uscc', ref.uscc!)[0];
  switch (e.kind) {
    case 'signal': {
      const ent = enterprise(e);
      return ent ? activeSignals(ent).filter((s) => s.unitId === e.unitId && s.trigger === e.trigger).length : 0;
    }
    case 'cases': {
      const ent = store.get('enterprises', e.enterpriseId);
      const recorded = ent?.history.filter((h) => h.text.startsWith('法院登记案件数')).length ?? 0;
      return ent?.cases?.litigation === e.litigation && ent.cases.enforcement === e.enforcement ? recorded : 0;
    }
    case 'tier': {
      const ent = store.get('enterprises', e.enterpriseId);
      return ent?.tier?.tier === e.tier ? ent.tierHistory.length : 0;
    }
    case 'credit':
      return store.lookup('creditRepairs', 'enterprise', e.enterpriseId).length;
    case 'task':
      return [...store.values('tasks')].filter((t) => t.content === e.content).length;
    case 'loan':
      return [...store.values('loans')].filter((l) => l.bank === e.bank).length;
    case 'meeting':
      return [...store.values('meetings')].filter((m) => m.topic === e.topic).length;
    case 'agenda':
      return [...store.values('agenda')].filter((a) => a.topic === e.topic).length;
    case 'read':
      return 1;
  }
}

/** Things that must hold whatever was acknowledged: one enterprise per 信用代码, no signal twice. */
export function globalProblems(store: Store): string[] {
  const problems: string[] = [];
  const codes = new Map<string, number>();
  for (const e of store.values('enterprises')) {
    if (e.uscc) codes.set(e.uscc, (codes.get(e.uscc) ?? 0) + 1);
    const seen = new Set<string>();
    for (const s of activeSignals(e)) {
      const key = `${s.unitId}|${s.trigger}`;
      if (seen.has(key)) problems.push(`${e.id} has the signal ${key} twice`);
      seen.add(key);
    }
  }
  for (const [code, n] of codes) if (n > 1) problems.push(`${n} enterprises with the code ${code}`);
  return problems;
}
