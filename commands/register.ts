import { z } from 'zod';
import { actingUnit } from '../src/core/acting-unit.ts';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { countField, textField, usccField, wanField } from '../src/core/zod-fields.ts';
import { classifySize } from '../src/domain/size-class.ts';
import { findTrigger } from '../src/domain/triggers.ts';
import { activeSignals, displayName, newEnterprise, withHistory } from '../src/store/enterprises.ts';
import type { Enterprise } from '../src/store/model.ts';
import type { Tx } from '../src/store/tx.ts';
import { escapeChatText as esc } from '../src/render/escape.ts';

const USAGE = '登记 <企业名称> 代码:<统一社会信用代码> 情形:<预警情形> [说明:<情况>] [行业:<行业> 人数:<人> 营收:<万元> 资产:<万元>]';

/**
 * 登记: a member unit lists an enterprise with its trigger (鹤岗 第四条), or adds its own signal
 * to one already listed — several units flagging the same enterprise is the 数据筛查对比.
 * Same 信用代码 = same enterprise; a new name for a known code is kept as another name.
 */
export default defineCommand({
  name: '登记',
  aliases: ['列入', '预警'],
  summary: '把困境企业列入名册（或为已在册企业补充本单位的预警信号）',
  usage: USAGE,
  examples: ['登记 某某机械有限公司 代码:91440300192317458F 情形:欠薪 说明:"拖欠3个月工资，涉及42人"', '登记 E12 情形:欠缴社保'],
  audience: ['liaison', 'director', 'admin'],
  params: {
    name: { label: '企业', positional: true, hint: '企业名称、编号（如 E12）' },
    code: { label: '代码', aliases: ['信用代码', '统一社会信用代码'], hint: '18位统一社会信用代码' },
    trigger: { label: '情形', aliases: ['原因', '预警情形'], hint: '本单位的预警情形，如 欠薪、欠税、D类' },
    detail: { label: '说明', aliases: ['详情', '情况'], hint: '具体情况' },
    unit: { label: '单位', hint: '以哪个成员单位名义（办公室主任代登记时填写）' },
    industry: { label: '行业', hint: '划型行业，如 工业、零售业' },
    employees: { label: '人数', aliases: ['从业人员'], hint: '从业人员数' },
    revenue: { label: '营收', aliases: ['营业收入'], hint: '年营业收入，如 800万' },
    assets: { label: '资产', aliases: ['资产总额'], hint: '资产总额，如 1.2亿' },
    region: { label: '地区', aliases: ['区域'], hint: '所在镇街' },
  },
  schema: z.object({
    name: textField(100),
    code: usccField.optional(),
    trigger: z.string(),
    detail: textField(500).optional(),
    unit: z.string().optional(),
    industry: z.string().optional(),
    employees: countField.optional(),
    revenue: wanField.optional(),
    assets: wanField.optional(),
    region: textField(50).optional(),
  }),
  run(ctx) {
    const { args, tx, person, config } = ctx;
    const unit = actingUnit(config, person, args.unit, USAGE);
    const found = findTrigger(args.trigger, unit.kind);
    if (!found.ok) throw new UserError(found.reason);
    const trigger = found.trigger;
    if (trigger.detailRequired && !args.detail) throw new UserError(`“${trigger.label}”需要写明具体情况，例如 说明:"……"。写法：${USAGE}`);

    const at = ctx.now.toISOString();
    const existing = locate(ctx.tx, args.name, args.code);
    let e: Enterprise = existing ?? newEnterprise(tx, args.name, args.code, at);
    const isNew = !existing;
    const notes: string[] = [];
    if (existing) {
      if (args.code && !e.uscc) {
        e = { ...e, uscc: args.code };
        notes.push(`已补充信用代码 ${args.code}`);
      }
      if (!/^[Ee]\d+$/.test(args.name) && !e.names.includes(args.name)) {
        e = { ...e, names: [...e.names, args.name] };
        notes.push(`已记录另一名称“${args.name}”`);
      }
      if (e.status === 'closed') {
        e = { ...e, status: 'active' };
        notes.push('该企业此前已移出名册，现重新列入');
      }
    }
    const duplicate = activeSignals(e).find((s) => s.unitId === unit.id && s.trigger === trigger.code);
    if (duplicate && notes.length === 0) {
      throw new UserError(`${displayName(e)} 已由${unit.name}以“${trigger.label}”登记过（${duplicate.at.slice(0, 10)}），无需重复登记。`);
    }
    if (!duplicate) {
      e = { ...e, signals: [...e.signals, { unitId: unit.id, trigger: trigger.code, detail: args.detail ?? '', by: person.id, at }] };
    }
    if (args.industry) {
      const size = classifySize({ industry: args.industry, ...opt('employees', args.employees), ...opt('revenueWan', args.revenue), ...opt('assetsWan', args.assets) });
      if (!size.ok) throw new UserError(size.reason);
      e = { ...e, industry: size.industry.name, sizeClass: size.size, figures: { ...opt('employees', args.employees), ...opt('revenueWan', args.revenue), ...opt('assetsWan', args.assets) } };
      notes.push(`按划型标准为${size.size}企业`);
      if (size.size === '大型') notes.push('注意：大型企业不属于中小微企业识别机制的范围，请核实');
    }
    if (args.region) e = { ...e, region: args.region };
    e = withHistory(e, at, person.id, `${unit.name}${isNew ? '列入' : '登记'}：${trigger.label}${args.detail ? `（${args.detail}）` : ''}`);
    tx.put('enterprises', e);

    const units = [...new Set(activeSignals(e).map((s) => s.unitId))].map((id) => config.unitById(id)?.name ?? id);
    const codeHint = e.uscc ? '' : `\n尚未填写信用代码，请补充：登记 ${e.id} 情形:${trigger.aliases[0] ?? trigger.label} 代码:<18位代码>`;
    ctx.reply(
      `已${isNew ? '列入名册' : '登记'}：${esc(displayName(e))}\n情形：${trigger.label}（${unit.name}）${notes.length ? `\n${notes.join('；')}` : ''}\n现有预警单位：${units.join('、')}${codeHint}`,
    );
    if (isNew || units.length > 1) {
      const why = isNew ? '新列入名册' : `已有${units.length}个单位预警（${units.join('、')}）`;
      const directors = config.peopleWithRole('director').filter((d) => d.id !== person.id);
      ctx.push(
        directors.map((d) => ({ kind: 'person' as const, personId: d.id })),
        `【名册变动】${esc(displayName(e))} ${why}\n${unit.name}：${trigger.label}${args.detail ? `，${esc(args.detail)}` : ''}\n查看：企业 ${e.id}`,
      );
    }
  },
});

/** The enterprise this registration is about: by chat id, by code, or by exact name. */
function locate(tx: Tx, name: string, code: string | undefined): Enterprise | undefined {
  if (/^[Ee]\d+$/.test(name)) {
    const e = tx.get('enterprises', name.toUpperCase());
    if (!e) throw new UserError(`没有编号为 ${name.toUpperCase()} 的企业。新企业请写名称和信用代码。`);
    if (code && e.uscc && e.uscc !== code) throw new UserError(`${displayName(e)} 的信用代码是 ${e.uscc}，与所填 ${code} 不一致，请核对。`);
    return e;
  }
  if (code) {
    const byCode = tx.lookup('enterprises', 'uscc', code)[0];
    if (byCode) return tx.get('enterprises', byCode.id);
  }
  const byName = tx.lookup('enterprises', 'name', name).filter((e) => !code || !e.uscc || e.uscc === code);
  if (byName.length > 0) return tx.get('enterprises', byName[0]!.id);
  return undefined;
}

function opt<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
