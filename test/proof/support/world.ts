import type { CollectionName } from '../../../src/store/model.ts';
import type { TestBot } from '../../support/transcript.ts';
import { referencedIds } from './commands.ts';
import { enterpriseNameFor, usccFor } from './uscc.ts';

/**
 * A world in which the commands' documented examples refer to things that exist: as many
 * enterprises, meetings, tasks, loans, credit repairs, agenda items and tickets as the highest id
 * any example names (E12 → twelve enterprises). Everything is made with the real commands (and a
 * real 微信客服 customer for tickets), so the documents are what production has.
 */
export interface WorldMaker {
  collection: CollectionName;
  /** Who says it, and the n-th command that creates id prefix+n. */
  make(n: number): { person: string; text: string } | 'customer';
}

/** Working days in December 2026 (the 1st is a Tuesday): meetings are never set on a weekend. */
const WORKDAYS = ['01', '02', '03', '04', '07', '08', '09', '10', '11', '14', '15', '16', '17', '18', '21', '22', '23', '24', '25', '28'];
const DAY = (n: number) => `2026-12-${WORKDAYS[n % WORKDAYS.length]}`;

export const MAKERS: Record<string, WorldMaker> = {
  E: { collection: 'enterprises', make: (n) => ({ person: '区税务局联络员', text: `登记 ${enterpriseNameFor(n)} 代码:${usccFor(n)} 情形:欠税 说明:"欠缴增值税${n}个月"` }) },
  M: { collection: 'meetings', make: (n) => ({ person: '区税务局联络员', text: `申请会议 议题:"协调事项${n}" 单位:人社局,法院 企业:E1 时间:"${DAY(n)} 15:00"` }) },
  T: { collection: 'tasks', make: (n) => ({ person: '办公室主任', text: `交办 内容:"督办事项${n}" 牵头:法院 协办:公安局 期限:2026-12-31 企业:E1` }) },
  L: { collection: 'loans', make: (n) => ({ person: '人民银行区支行联络员', text: `贷款 企业:E${n} 银行:某某银行城区支行 金额:${100 * n}万 到期:2027-0${1 + (n % 9)}-15` }) },
  C: { collection: 'creditRepairs', make: (n) => ({ person: '区法院联络员', text: `信用修复 E${n} 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-12` }) },
  A: { collection: 'agenda', make: (n) => ({ person: '办公室主任', text: `议题 "联席会议议题${n}" 企业:E1` }) },
  Q: { collection: 'tickets' as CollectionName, make: () => 'customer' },
};

export interface WorldReport {
  /** prefix → [wanted, made] */
  made: Record<string, [number, number]>;
}

/** Builds the world for the current COMMANDS. `customerSays` is the intake's, when there is one. */
export async function buildWorld(t: TestBot, customerSays?: (ext: string, text: string) => Promise<unknown>): Promise<WorldReport> {
  const wanted = referencedIds();
  // Enterprises first: the other makers refer to them.
  const order = [...wanted.keys()].sort((a, b) => (a === 'E' ? -1 : b === 'E' ? 1 : a.localeCompare(b)));
  const made: WorldReport['made'] = {};
  for (const prefix of order) {
    const maker = MAKERS[prefix];
    const n = wanted.get(prefix)!;
    if (!maker) {
      made[prefix] = [n, 0];
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const step = maker.make(i);
      if (step === 'customer') {
        if (customerSays) await customerSays(`wmWorld${i}`, `我们是${enterpriseNameFor(i)}，银行账户被冻结，请求协调（第${i}件）`);
      } else {
        await t.say(step.person, 'single', step.text);
      }
    }
    made[prefix] = [n, [...t.app.store.values(maker.collection)].length];
  }
  t.takePushes();
  return { made };
}
