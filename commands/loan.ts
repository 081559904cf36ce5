import { z } from 'zod';
import { actingUnit } from '../src/core/acting-unit.ts';
import { defineCommand, type CommandContext } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import type { Unit, UnitKind } from '../src/domain/types.ts';
import { textField, wanField } from '../src/core/zod-fields.ts';
import { formatOfficialDate } from '../src/domain/dates.ts';
import { parseDay } from '../src/domain/day-input.ts';
import { daysUntilDue, LOAN_STAGE_ACTIONS, loanStage } from '../src/domain/loan-warning.ts';
import { formatWan } from '../src/domain/money.ts';
import { compact } from '../src/domain/text.ts';
import { render } from '../src/render/templates.ts';
import { displayName, findEnterprise, withHistory } from '../src/store/enterprises.ts';
import { findLoan, LOAN_ID, LOAN_KINDS, mayUseLoans, openLoans } from '../src/store/loans.ts';
import type { Loan } from '../src/store/model.ts';

const USAGE = '贷款 企业:<企业> 银行:<银行名称> 金额:<万元> 到期:<日期> [单位:<报送单位>] ｜ 贷款 <L编号> 已还 ｜ 贷款 <L编号> 已续贷 [新到期:<日期>] ｜ 贷款';

/**
 * The 321 ledger (003 二(一)1) is kept by the financial side: 人民银行 and 金融监管 "梳理汇总辖内企业到期
 * 银行贷款台账", banks report their own loans; the office director may enter one for them.
 */

const PAGE = 30;

const REPAID = new Set(['已还', '还清', '已还清', '已结清', '结清', '已归还']);
const RENEWED = new Set(['已续贷', '续贷', '已转贷', '转贷']);

type Ctx = CommandContext<{
  ref?: string | undefined;
  enterprise?: string | undefined;
  bank?: string | undefined;
  amount?: number | undefined;
  due?: string | undefined;
  unit?: string | undefined;
  newDue?: string | undefined;
}>;

export default defineCommand({
  name: '贷款',
  aliases: ['贷款台账', '到期贷款'],
  summary: '（人民银行、金融监管、银行）登记企业到期贷款，“321”到期前90/60/30天提醒；查看未结清贷款',
  usage: USAGE,
  examples: ['贷款 企业:E12 银行:某某银行城区支行 金额:500万 到期:2027-03-01', '贷款 L3 已还', '贷款 L3 已续贷 新到期:2028-03-01', '贷款'],
  audience: ['liaison', 'director'],
  params: {
    ref: { label: '编号', positional: true, hint: '贷款编号和结果，如 L3 已还、L3 已续贷' },
    enterprise: { label: '企业', hint: '企业编号（如 E12）、名称或信用代码' },
    bank: { label: '银行', aliases: ['贷款银行', '债权银行'], hint: '贷款银行名称' },
    amount: { label: '金额', aliases: ['贷款金额'], hint: '贷款金额，如 500万' },
    due: { label: '到期', aliases: ['到期日', '到期日期'], hint: '到期日，如 2027-03-01' },
    unit: { label: '单位', aliases: ['报送单位'], hint: '报送单位（办公室主任代登记时填写），如 人民银行' },
    newDue: { label: '新到期', aliases: ['新到期日'], hint: '续贷后的到期日' },
  },
  schema: z.object({
    ref: textField(100).optional(),
    enterprise: textField(100).optional(),
    bank: textField(60).optional(),
    amount: wanField.optional(),
    due: z.string().optional(),
    unit: z.string().optional(),
    newDue: z.string().optional(),
  }),
  run(ctx) {
    const { ref } = ctx.args;
    mayUse(ctx);
    const words = ref ? ref.split(/\s+/u) : [];
    if (words[0] && LOAN_ID.test(words[0])) return close(ctx, words[0], words.slice(1).join(''));
    const { enterprise, bank, amount, due } = ctx.args;
    if (!ref && !enterprise && !bank && amount === undefined && !due) return list(ctx);
    return register(ctx, enterprise ?? ref);
  },
});

function mayUse(ctx: Ctx): void {
  if (mayUseLoans(ctx.person, ctx.unit)) return;
  throw new UserError('贷款到期台账由人民银行、金融监管部门、银行和办公室主任登记查看，您所在单位不能使用。');
}

function register(ctx: Ctx, enterpriseRef: string | undefined): void {
  const { args, tx, person, today } = ctx;
  if (!enterpriseRef || !args.bank || args.amount === undefined || !args.due) {
    throw new UserError(`登记贷款要写明企业、银行、金额和到期日。写法：贷款 企业:E12 银行:某某银行 金额:500万 到期:2027-03-01`);
  }
  if (args.newDue) throw new UserError(`“新到期”用于续贷，例如 贷款 L3 已续贷 新到期:2028-03-01。`);
  if (args.amount <= 0) throw new UserError('贷款金额要大于0，例如 金额:500万。');
  const dueDate = futureDay(args.due, today, '到期');
  const unit = reportingUnit(ctx);
  const e0 = findEnterprise(tx, enterpriseRef);
  const bank = args.bank;
  const same = openLoans(tx).find((l) => l.enterpriseId === e0.id && compact(l.bank) === compact(bank) && l.dueDate === dueDate && l.amountWan === args.amount);
  if (same) throw new UserError(`这笔贷款已登记为 ${same.id}，无需重复登记。`);

  const at = ctx.now.toISOString();
  const loan: Loan = { id: tx.nextId('L'), enterpriseId: e0.id, bank, amountWan: args.amount, dueDate, unitId: unit.id, by: person.id, state: 'open', createdAt: at };
  tx.put('loans', loan);
  const e = withHistory(e0, at, person.id, `${unit.name}登记到期贷款 ${loan.id}：${bank} ${formatWan(loan.amountWan)}，${formatOfficialDate(dueDate)}到期`);
  tx.put('enterprises', e);
  const left = daysUntilDue(dueDate, today);
  const stage = loanStage(dueDate, today);
  const stageNote = stage
    ? `已进入“321”预警${stage}天阶段：${LOAN_STAGE_ACTIONS[stage].who}${LOAN_STAGE_ACTIONS[stage].action}。`
    : '将在到期前90、60、30天提醒（“321”预警）。';
  ctx.reply(`已登记贷款 ${loan.id}：${displayName(e)}\n${bank} ${formatWan(loan.amountWan)}，${formatOfficialDate(dueDate)}到期（还有${left}天）\n${stageNote}`);
}

/** The unit that reports the loan: a liaison's own; the director names one of the financial units. */
function reportingUnit(ctx: Ctx): Unit {
  const { person, config, args } = ctx;
  if (!args.unit && !person.roles.includes('liaison')) {
    const examples = config.units.filter((u) => LOAN_KINDS.includes(u.kind)).map((u) => u.aliases[0] ?? u.name);
    throw new UserError(`请写明报送单位，例如 单位:${examples[0] ?? '人民银行'}。`);
  }
  const unit = actingUnit(config, person, args.unit, USAGE);
  if (!LOAN_KINDS.includes(unit.kind)) throw new UserError(`贷款台账由人民银行、金融监管部门或银行报送，${unit.name}不能作为报送单位。`);
  return unit;
}

function close(ctx: Ctx, ref: string, action: string): void {
  const { args, tx, person, today } = ctx;
  const repaid = REPAID.has(action);
  const renewed = RENEWED.has(action);
  if (!repaid && !renewed) throw new UserError(`请写明这笔贷款的结果：贷款 ${ref.toUpperCase()} 已还，或 贷款 ${ref.toUpperCase()} 已续贷 新到期:<日期>。`);
  if (args.enterprise || args.bank || args.amount !== undefined || args.due || args.unit) {
    throw new UserError(`结清贷款只需写编号和结果，例如 贷款 ${ref.toUpperCase()} 已还。`);
  }
  if (repaid && args.newDue) throw new UserError(`“新到期”用于续贷，例如 贷款 ${ref.toUpperCase()} 已续贷 新到期:2028-03-01。`);
  const loan = findLoan(tx, ref);
  if (loan.state !== 'open') throw new UserError(`${loan.id} 已${loan.state === 'repaid' ? '还清' : '续贷'}，无需再登记。`);
  const at = ctx.now.toISOString();
  let renewal: Loan | undefined;
  if (renewed && args.newDue) {
    const dueDate = futureDay(args.newDue, today, '新到期');
    if (dueDate <= loan.dueDate) throw new UserError(`新到期日 ${dueDate} 应晚于原到期日 ${loan.dueDate}。`);
    // Same loan, same reporting unit, a new due date: a fresh entry so its 321 stages start afresh.
    renewal = {
      id: tx.nextId('L'), enterpriseId: loan.enterpriseId, bank: loan.bank, amountWan: loan.amountWan, dueDate, unitId: loan.unitId,
      by: person.id, state: 'open', createdAt: at, renewedFrom: loan.id,
    };
    tx.put('loans', renewal);
  }
  tx.put('loans', { ...loan, state: repaid ? 'repaid' : 'renewed', closedAt: at, closedBy: person.id, ...(renewal ? { renewedTo: renewal.id } : {}) });
  const e0 = tx.get('enterprises', loan.enterpriseId);
  const what = repaid ? '已还清' : `已续贷${renewal ? `，新到期日${formatOfficialDate(renewal.dueDate)}（${renewal.id}）` : ''}`;
  if (e0) tx.put('enterprises', withHistory(e0, at, person.id, `贷款 ${loan.id}（${loan.bank} ${formatWan(loan.amountWan)}）${what}`));
  const name = e0 ? displayName(e0) : loan.enterpriseId;
  ctx.reply(
    `已登记：${loan.id} ${name} ${loan.bank} ${formatWan(loan.amountWan)} ${what}。${renewal ? `新的到期日将同样按“321”提醒（还有${daysUntilDue(renewal.dueDate, today)}天）。` : '这笔贷款不再提醒。'}`,
  );
}

function list(ctx: Ctx): void {
  const { tx, today, config } = ctx;
  const open = openLoans(tx);
  if (open.length === 0) {
    ctx.reply('贷款到期台账中没有未结清的贷款。');
    return;
  }
  const rows = open.slice(0, PAGE).map((l) => {
    const e = tx.get('enterprises', l.enterpriseId);
    const left = daysUntilDue(l.dueDate, today);
    const stage = loanStage(l.dueDate, today);
    return {
      id: l.id,
      enterprise: e ? displayName(e) : l.enterpriseId,
      bank: l.bank,
      amount: formatWan(l.amountWan),
      due: formatOfficialDate(l.dueDate),
      when: left < 0 ? `已逾期${-left}天` : left === 0 ? '今天到期' : `还有${left}天`,
      stage: stage ? `${stage}天预警` : '',
      unit: config.unitById(l.unitId)?.name ?? l.unitId,
    };
  });
  ctx.reply(render('loans', { count: open.length, rows, more: Math.max(0, open.length - PAGE) }));
}

function futureDay(text: string, today: string, label: string): string {
  const r = parseDay(text, today, 'future');
  if (!r.ok) throw new UserError(`“${label}”：${r.reason}`);
  if (r.date <= today) throw new UserError(`“${label}”${r.date}不在今天之后：台账登记的是尚未到期的贷款，已到期未还请用“登记”报送预警情形。`);
  return r.date;
}
