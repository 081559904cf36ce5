import { z } from 'zod';
import { actingUnit } from '../src/core/acting-unit.ts';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { dedupe } from '../src/core/tell.ts';
import { countField, textField, usccField } from '../src/core/zod-fields.ts';
import { courtContacts } from '../src/config/court-contacts.ts';
import { CASE_ALERT_THRESHOLD, caseCountAlert } from '../src/domain/triggers.ts';
import { displayName, findEnterprise, withHistory } from '../src/store/enterprises.ts';
import type { Enterprise } from '../src/store/model.ts';

const USAGE = '案件 <企业> 诉讼:<件数> 执行:<件数> [代码:<信用代码>]';

/**
 * 案件: the court records an enterprise's litigation and enforcement case counts. At 10 or more
 * (鹤岗 第四条: "10件以上" includes 10) the 立案 side must prompt the trial and enforcement
 * side; the bot sends that prompt once, when the count first reaches the threshold.
 * An enterprise not yet known is put on the watch list (观察名单) when its code is given.
 */
export default defineCommand({
  name: '案件',
  aliases: ['涉诉'],
  summary: '（法院）登记企业涉诉、涉执案件数，10件以上自动提示审判、执行部门',
  usage: USAGE,
  examples: ['案件 E12 诉讼:8 执行:4', '案件 某某商贸有限公司 代码:91110108551385082Q 诉讼:3 执行:1'],
  audience: ['liaison', 'director', 'admin'],
  params: {
    ref: { label: '企业', positional: true, hint: '编号、名称或信用代码' },
    litigation: { label: '诉讼', hint: '诉讼案件数' },
    enforcement: { label: '执行', hint: '执行案件数' },
    code: { label: '代码', aliases: ['信用代码'], hint: '新企业的18位信用代码' },
  },
  schema: z.object({ ref: textField(100), litigation: countField, enforcement: countField, code: usccField.optional() }),
  run(ctx) {
    const { args, tx, person, config } = ctx;
    const unit = actingUnit(config, person, person.unitId ? undefined : config.units.find((u) => u.kind === 'court')?.id, USAGE);
    if (unit.kind !== 'court') throw new UserError(`案件数由法院登记，${unit.name}不能登记。`);
    const at = ctx.now.toISOString();
    let e: Enterprise;
    try {
      e = findEnterprise(tx, args.ref);
    } catch (err) {
      if (!args.code || /^[Ee]\d+$/.test(args.ref)) throw err;
      e = { id: tx.nextId('E'), names: [args.ref], uscc: args.code, signals: [], tierHistory: [], status: 'active', history: [], createdAt: at, updatedAt: at };
    }
    const reached = caseCountAlert(args.litigation, args.enforcement);
    const alertNow = reached && !e.cases?.alerted;
    e = {
      ...e,
      cases: { litigation: args.litigation, enforcement: args.enforcement, at, by: person.id, alerted: reached },
    };
    e = withHistory(e, at, person.id, `法院登记案件数：诉讼${args.litigation}件、执行${args.enforcement}件`);
    tx.put('enterprises', e);
    const total = args.litigation + args.enforcement;
    const contacts = alertNow ? courtContacts(config, unit.id) : undefined;
    ctx.reply(`已登记 ${displayName(e)}：诉讼 ${args.litigation} 件，执行 ${args.enforcement} 件，共 ${total} 件。${reached ? `已达${CASE_ALERT_THRESHOLD}件以上，${contacts ? `已提示${contacts.said}` : '此前已提示过'}。` : ''}`);
    if (contacts) {
      const directors = config.peopleWithRole('director');
      const to = dedupe([...contacts.people, ...directors]).filter((p) => p.id !== person.id).map((p) => ({ kind: 'person' as const, personId: p.id }));
      ctx.push(
        to,
        `【涉诉涉执提示】${displayName(e)} 共有诉讼 ${args.litigation} 件、执行 ${args.enforcement} 件，已达${CASE_ALERT_THRESHOLD}件以上。\n请审判部门结合关联案件研判是否纳入困境企业名单；执行部门注意善意执行，避免强制执行直接导致企业停业（鹤岗实施意见第四条）。\n查看：企业 ${e.id}`,
      );
    }
  },
});
