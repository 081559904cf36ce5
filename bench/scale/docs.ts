/**
 * Documents and journal changes shaped exactly as the commands write them (compare a journal of a
 * transcript run: 登记 writes counters + enterprise + outbox + inbox, 交办 counters + task + two
 * outbox items + inbox, a read-only command one inbox record). The texts have the real commands'
 * wording and lengths.
 */
import type { Enterprise, InboxRecord, OutboxItem, Signal, Task } from '../../src/store/model.ts';
import { enterpriseNameFor, usccFor } from '../../test/proof/support/uscc.ts';

/** The five listing units of the synthetic city and the trigger each uses. */
export const LISTING = [
  { unitId: 'tax', unit: '区税务局', trigger: 'tax_arrears', label: '欠税时间较长、运营状态不佳', person: 'tax-liaison', detail: (n: number) => `欠缴增值税${(n % 11) + 1}个月，累计${(n % 90) + 10}万元` },
  { unitId: 'hrss', unit: '区人社局', trigger: 'hrss_wages', label: '长期欠薪', person: 'hrss-liaison', detail: (n: number) => `拖欠${(n % 5) + 2}个月工资，涉及${(n % 80) + 12}人` },
  { unitId: 'market', unit: '区市场监管局', trigger: 'market_credit_d', label: '信用风险高（D类）', person: 'market-liaison', detail: (n: number) => `${2024 + (n % 2)}年度信用风险分类为D类` },
  { unitId: 'pboc', unit: '人民银行区支行', trigger: 'finance_default', label: '存在严重影响按约偿还金融机构债务的情形', person: 'pboc-liaison', detail: (n: number) => `贷款逾期${(n % 150) + 30}天，本金${(n % 900) + 100}万元` },
  { unitId: 'court', unit: '区法院', trigger: 'court_ceasing', label: '即将停止经营且近期无力恢复经营', person: 'court-liaison', detail: (n: number) => `涉诉${(n % 9) + 3}件，主要设备已被查封` },
] as const;

export const TASK_UNITS = ['court', 'police', 'tax', 'hrss', 'market', 'nature', 'finance', 'drc', 'pboc', 'nfra'] as const;
const UNIT_NAMES: Record<string, string> = {
  court: '区法院', police: '区公安分局', tax: '区税务局', hrss: '区人社局', market: '区市场监管局', nature: '区自然资源局',
  finance: '区财政局', drc: '区发改局', pboc: '人民银行区支行', nfra: '金融监管支局',
};
const TASK_CONTENTS = ['解除对{e}厂房的查封', '申报{e}的税收债权', '协调{e}职工工资垫付', '办理{e}不动产登记', '核查{e}的信用修复申请', '推动{e}引入战略投资人', '组织{e}债权人会议', '处置{e}闲置土地'];

export function newEnterprise(n: number, id: string, at: string): Enterprise {
  return { id, names: [enterpriseNameFor(n)], uscc: usccFor(n), signals: [], tierHistory: [], status: 'active', history: [], createdAt: at, updatedAt: at };
}

export function addSignal(e: Enterprise, k: number, n: number, at: string, isNew: boolean): Enterprise {
  const l = LISTING[k]!;
  const s: Signal = { unitId: l.unitId, trigger: l.trigger, detail: l.detail(n), by: l.person, at };
  return {
    ...e,
    signals: [...e.signals, s],
    history: [...e.history, { at, by: l.person, text: `${l.unit}${isNew ? '列入' : '登记'}：${l.label}（${s.detail}）` }],
    updatedAt: at,
  };
}

export function registerReply(e: Enterprise, k: number, isNew: boolean): string {
  const l = LISTING[k]!;
  const units = [...new Set(e.signals.map((s) => UNIT_NAMES[s.unitId] ?? LISTING.find((x) => x.unitId === s.unitId)?.unit ?? s.unitId))];
  return `已${isNew ? '列入名册' : '登记'}：${e.id} ${e.names[0]}\n情形：${l.label}（${l.unit}）\n现有预警单位：${units.join('、')}`;
}

export function registerPush(e: Enterprise, k: number, isNew: boolean): string {
  const l = LISTING[k]!;
  const units = e.signals.map((s) => LISTING.find((x) => x.unitId === s.unitId)?.unit ?? s.unitId);
  const why = isNew ? '新列入名册' : `已有${units.length}个单位预警（${units.join('、')}）`;
  return `【名册变动】${e.id} ${e.names[0]} ${why}\n${l.unit}：${l.label}，${e.signals.at(-1)!.detail}\n查看：企业 ${e.id}`;
}

export function inbox(key: string, at: string, text: string): InboxRecord {
  return { id: key, at, replies: [{ text }] };
}

export function outboxItem(key: string, at: string, personId: string, text: string): OutboxItem {
  return { id: key, message: { to: { kind: 'person', personId }, text, idempotencyKey: key }, state: 'sent', attempts: 1, createdAt: at, dueAt: at, sentAt: at };
}

export function newTask(id: string, n: number, enterpriseId: string, deadline: string, at: string): Task {
  const lead = TASK_UNITS[n % TASK_UNITS.length]!;
  const co = TASK_UNITS[(n + 3) % TASK_UNITS.length]!;
  return {
    id,
    content: TASK_CONTENTS[n % TASK_CONTENTS.length]!.replace('{e}', enterpriseId),
    leadUnitId: lead,
    coUnitIds: [co],
    deadline,
    originalDeadline: deadline,
    source: { kind: 'assigned', by: 'director' },
    matter: (n % 12) + 1,
    enterpriseIds: [enterpriseId],
    state: '办理中',
    history: [{ at, by: 'director', text: `办公室主任交办，牵头：${UNIT_NAMES[lead]}` }],
    createdAt: at,
    updatedAt: at,
  };
}

export function taskNotice(t: Task): string {
  return `**督办任务 ${t.id}** 办理中\n内容：${t.content}\n牵头单位：${UNIT_NAMES[t.leadUnitId]}；协办单位：${t.coUnitIds.map((u) => UNIT_NAMES[u]).join('、')}\n期限：${t.deadline}\n来源：办公室主任交办\n请按期办理；办结后由牵头单位报告完成，不能按期完成的请在期限前申请延期。`;
}

export function leadPerson(unitId: string): string {
  return `${unitId}-liaison`;
}

export function unitName(unitId: string): string {
  return UNIT_NAMES[unitId] ?? unitId;
}

/** A 企业 answer of the real length (≈ 500 characters for five signals). */
export function fileReply(e: Enterprise): string {
  return [`**${e.id} ${e.names[0]}**`, `信用代码：${e.uscc}`, '状态：在册', `预警信号（${e.signals.length}）：`, ...e.signals.map((s) => `· ${LISTING.find((l) => l.unitId === s.unitId)?.unit}：${LISTING.find((l) => l.unitId === s.unitId)?.label}（${s.detail}） ${s.at.slice(0, 10)}`), `记录（最近${e.history.length}条）：`, ...e.history.slice(-5).map((h) => `· ${h.at.slice(0, 10)} ${h.text}`)].join('\n');
}
