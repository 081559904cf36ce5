import { z } from 'zod';
import { actingUnit } from '../src/core/acting-unit.ts';
import { defineCommand, type CommandContext } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import type { Recipient, UnitKind } from '../src/domain/types.ts';
import { textField } from '../src/core/zod-fields.ts';
import { daysBetween } from '../src/domain/calendar/civil.ts';
import {
  checkCertificateDate, checkRequestDates, parseRuling, REPAIR_TARGET_DAYS, repairDays, rulingPhrase, withinTarget,
} from '../src/domain/credit-repair.ts';
import { formatOfficialDate, formatShortDate } from '../src/domain/dates.ts';
import { parseDay } from '../src/domain/day-input.ts';
import { escapeChatText as esc } from '../src/render/escape.ts';
import { render } from '../src/render/templates.ts';
import { findCreditRepair, openCreditRepairs, REPAIR_ID } from '../src/store/credit-repairs.ts';
import { displayName, findEnterprise, withHistory } from '../src/store/enterprises.ts';

const USAGE = '信用修复 <企业> 裁定:<重整计划|和解协议> 裁定日期:<日期> [申请日期:<日期>] ｜ 信用修复 <C编号> 出证:<日期> ｜ 信用修复';

/**
 * Who may do what ("谁认定、谁修复", domain-rules §2.5):
 * - record a request: the court, 市场监管 and 税务 — the units that hold the negative records
 *   (失信被执行人, 经营异常/严重失信, 纳税信用) and to which the enterprise applies (鹤岗 第十条:
 *   "向主管单位申请"); plus the office director;
 * - record the 信用修复证明 (出证): the court side only — the court liaison, the 纾困中心 staff
 *   (in 东莞 the centre at the court issued it) and the director; a tax or market unit repairs its
 *   own record but does not issue the mechanism's certificate;
 * - the list of open requests: all of the above.
 */
const REQUEST_KINDS: readonly UnitKind[] = ['court', 'market', 'tax'];
const CERTIFY_KINDS: readonly UnitKind[] = ['court'];

type Ctx = CommandContext<{
  ref?: string | undefined;
  ruling?: string | undefined;
  rulingDate?: string | undefined;
  requestDate?: string | undefined;
  certificate?: string | undefined;
  unit?: string | undefined;
}>;

export default defineCommand({
  name: '信用修复',
  aliases: ['修复'],
  summary: '登记重整、和解企业的信用修复申请和出证，查看待出证的申请',
  usage: USAGE,
  examples: ['信用修复 E12 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-12', '信用修复 C3 出证:2026-11-18', '信用修复'],
  audience: ['liaison', 'centerStaff', 'director'],
  params: {
    ref: { label: '企业', positional: true, hint: '申请时写企业编号（如 E12）；出证时写申请编号（如 C3）' },
    ruling: { label: '裁定', aliases: ['裁定类型'], hint: '重整计划 或 和解协议' },
    rulingDate: { label: '裁定日期', hint: '法院裁定批准重整计划或认可和解协议的日期' },
    requestDate: { label: '申请日期', aliases: ['申请'], hint: '企业申请信用修复的日期，默认今天' },
    certificate: { label: '出证', aliases: ['出证日期'], hint: '出具《信用修复证明》的日期' },
    unit: { label: '单位', hint: '受理申请的单位（办公室主任代登记时填写）' },
  },
  schema: z.object({
    ref: textField(100).optional(),
    ruling: z.string().optional(),
    rulingDate: z.string().optional(),
    requestDate: z.string().optional(),
    certificate: z.string().optional(),
    unit: z.string().optional(),
  }),
  run(ctx) {
    const { ref, ruling, rulingDate, requestDate, certificate, unit } = ctx.args;
    if (!ref) {
      if (ruling || rulingDate || requestDate || certificate || unit) throw new UserError(`请写明企业或申请编号。写法：${USAGE}`);
      return list(ctx);
    }
    if (REPAIR_ID.test(ref)) return certify(ctx, ref);
    return request(ctx, ref);
  },
});

function mayAct(ctx: Ctx, kinds: readonly UnitKind[]): boolean {
  const { person, unit } = ctx;
  if (person.roles.includes('director')) return true;
  if (!unit || !kinds.includes(unit.kind)) return false;
  return person.roles.includes('liaison') || (person.roles.includes('centerStaff') && unit.kind === 'court');
}

function list(ctx: Ctx): void {
  if (!mayAct(ctx, REQUEST_KINDS)) throw new UserError('信用修复由法院、市场监管、税务部门和办公室主任办理，您所在单位不能查看。');
  const open = openCreditRepairs(ctx.tx);
  if (open.length === 0) {
    ctx.reply('目前没有待出证的信用修复申请。');
    return;
  }
  ctx.reply(
    render('credit-repairs', {
      count: open.length,
      target: REPAIR_TARGET_DAYS,
      rows: open.map((c) => {
        const e = ctx.tx.get('enterprises', c.enterpriseId);
        const age = daysBetween(c.requestDate, ctx.today);
        return { id: c.id, enterprise: e ? displayName(e) : c.enterpriseId, ruling: c.ruling, requested: formatShortDate(c.requestDate), age, late: age > REPAIR_TARGET_DAYS };
      }),
    }),
  );
}

function request(ctx: Ctx, ref: string): void {
  const { args, tx, person, config, today } = ctx;
  if (!mayAct(ctx, REQUEST_KINDS)) throw new UserError('信用修复申请由法院、市场监管、税务部门（谁认定、谁修复）或办公室主任登记。');
  if (args.certificate) throw new UserError(`登记出证请写申请编号，例如 信用修复 C3 出证:${today}。`);
  if (!args.ruling || !args.rulingDate) throw new UserError(`请写明法院的裁定和裁定日期，例如 信用修复 ${ref} 裁定:重整计划 裁定日期:2026-11-10。`);
  const ruling = parseRuling(args.ruling);
  if (!ruling) throw new UserError(`“裁定”只能是 重整计划 或 和解协议（信用修复适用于经重整、和解程序的企业）。`);
  const rulingDate = pastDay(args.rulingDate, today, '裁定日期');
  const requestDate = args.requestDate ? pastDay(args.requestDate, today, '申请日期') : today;
  const bad = checkRequestDates(rulingDate, requestDate, today);
  if (bad) throw new UserError(bad);
  const e0 = findEnterprise(tx, ref);
  const waiting = openCreditRepairs(tx).find((c) => c.enterpriseId === e0.id);
  if (waiting) throw new UserError(`${displayName(e0)} 已有待出证的申请 ${waiting.id}（${formatShortDate(waiting.requestDate)}申请），出证后请发“信用修复 ${waiting.id} 出证:日期”。`);
  // A liaison or 纾困中心 staff records for their own unit; the director may name one (or none: the office).
  const unit = args.unit ? actingUnit(config, person, args.unit, USAGE) : person.roles.includes('director') ? undefined : ctx.unit;
  if (unit && !REQUEST_KINDS.includes(unit.kind)) throw new UserError(`信用修复申请由法院、市场监管、税务部门受理，${unit.name}不能受理。`);

  const at = ctx.now.toISOString();
  const id = tx.nextId('C');
  tx.put('creditRepairs', {
    id, enterpriseId: e0.id, ruling, rulingDate, requestDate, ...(unit ? { unitId: unit.id } : {}), requestedBy: person.id, createdAt: at, updatedAt: at,
  });
  const e = withHistory(e0, at, person.id, `申请信用修复 ${id}：${rulingPhrase(ruling)}（${formatOfficialDate(rulingDate)}），${formatOfficialDate(requestDate)}申请${unit ? `，${unit.name}受理` : ''}`);
  tx.put('enterprises', e);
  ctx.reply(
    `已登记信用修复申请 ${id}：${displayName(e)}\n依据：${rulingPhrase(ruling)}（${formatOfficialDate(rulingDate)}）\n申请日期：${formatOfficialDate(requestDate)}\n出具证明后请发“信用修复 ${id} 出证:日期”（东莞做法：${REPAIR_TARGET_DAYS}天内出证）。`,
  );
  const court = config.units.filter((u) => CERTIFY_KINDS.includes(u.kind)).flatMap((u) => config.liaisonsOf(u.id));
  const to = uniqueOthers(ctx, [...court, ...config.peopleWithRole('director')].map((p) => p.id));
  if (to.length > 0) {
    ctx.push(to, `【信用修复申请】${esc(displayName(e))} 于${formatOfficialDate(requestDate)}申请信用修复（${rulingPhrase(ruling)}，${formatOfficialDate(rulingDate)}）。出证后请登记：信用修复 ${id} 出证:日期`);
  }
}

function certify(ctx: Ctx, ref: string): void {
  const { args, tx, person, today } = ctx;
  if (!mayAct(ctx, CERTIFY_KINDS)) throw new UserError('《信用修复证明》由法院出具，出证请法院联络员、纾困中心或办公室主任登记。');
  if (args.ruling || args.rulingDate || args.requestDate) throw new UserError(`登记出证只需写出证日期，例如 信用修复 ${ref.toUpperCase()} 出证:${today}。`);
  if (!args.certificate) throw new UserError(`请写明出证日期，例如 信用修复 ${ref.toUpperCase()} 出证:${today}。`);
  const c = findCreditRepair(tx, ref);
  const e0 = tx.get('enterprises', c.enterpriseId);
  if (c.certificateDate) throw new UserError(`${c.id} 已于${formatOfficialDate(c.certificateDate)}出证，无需重复登记。`);
  const certificateDate = pastDay(args.certificate, today, '出证');
  const bad = checkCertificateDate(c.requestDate, certificateDate, today);
  if (bad) throw new UserError(bad);
  const at = ctx.now.toISOString();
  tx.put('creditRepairs', { ...c, certificateDate, certifiedBy: person.id, updatedAt: at });
  const days = repairDays(c.requestDate, certificateDate);
  const verdict = withinTarget(days)
    ? `在${REPAIR_TARGET_DAYS}天内办结。`
    : `超过${REPAIR_TARGET_DAYS}天（东莞纾困中心不到一周即出证），请关注办理环节。`;
  const name = e0 ? displayName(e0) : c.enterpriseId;
  if (e0) tx.put('enterprises', withHistory(e0, at, person.id, `信用修复 ${c.id} 出证（${formatOfficialDate(certificateDate)}，用时${days}天）`));
  ctx.reply(`已登记出证：${c.id} ${name}\n${formatOfficialDate(c.requestDate)}申请，${formatOfficialDate(certificateDate)}出具《信用修复证明》，用时${days}天，${verdict}`);
  const to = uniqueOthers(ctx, [c.requestedBy, ...ctx.config.peopleWithRole('director').map((p) => p.id)]);
  if (to.length > 0) ctx.push(to, `【信用修复】${esc(name)} 的《信用修复证明》已于${formatOfficialDate(certificateDate)}出具（${c.id}，用时${days}天）。`);
}

function pastDay(text: string, today: string, label: string): string {
  const r = parseDay(text, today, 'past');
  if (!r.ok) throw new UserError(`“${label}”：${r.reason}`);
  return r.date;
}

function uniqueOthers(ctx: Ctx, ids: string[]): Recipient[] {
  return [...new Set(ids)].filter((id) => id !== ctx.person.id && ctx.config.personById(id)).map((personId) => ({ kind: 'person' as const, personId }));
}
