import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { textField } from '../src/core/zod-fields.ts';
import { escapeChatText as esc } from '../src/render/escape.ts';
import { activeSignals, displayName, findEnterprise, withHistory } from '../src/store/enterprises.ts';
import { latestOutcome } from '../src/store/outcomes.ts';

/**
 * 恢复: undoes a 移出. The enterprise is back on the roster with its whole file (signals, tier,
 * history); its last outcome is revoked, so the headline figures (统计) no longer count it. A unit
 * that finds a closed enterprise in distress again lists it with 登记 instead — then the earlier
 * outcome stays counted, because it did happen.
 */
export default defineCommand({
  name: '恢复',
  aliases: ['恢复列入', '撤销移出'],
  summary: '（办公室主任）撤销移出，企业回到名册，档案不变',
  usage: '恢复 <企业> [理由:<说明>]',
  examples: ['恢复 E12', '恢复 E12 理由:误操作'],
  audience: ['director'],
  params: {
    ref: { label: '企业', positional: true, hint: '编号（如 E12）、名称或信用代码' },
    reason: { label: '理由', aliases: ['原因', '说明'], hint: '为什么恢复' },
  },
  schema: z.object({ ref: textField(100), reason: textField(300).optional() }),
  run(ctx) {
    const { args, tx, person } = ctx;
    const found = findEnterprise(tx, args.ref);
    if (found.status !== 'closed') throw new UserError(`${displayName(found)} 在册，不需要恢复。`);
    const at = ctx.now.toISOString();
    const last = latestOutcome(tx, found.id);
    if (last) tx.put('outcomes', { ...last, revokedAt: at, revokedBy: person.id });
    const { outcome, ...rest } = found;
    const undone = outcome?.kind ?? last?.kind;
    const e = withHistory({ ...rest, status: 'active' }, at, person.id, `恢复列入名册${undone ? `（撤销移出：${undone}）` : ''}${args.reason ? `，理由：${args.reason}` : ''}`);
    tx.put('enterprises', e);
    const signals = activeSignals(e).length;
    ctx.reply(
      `已恢复：${displayName(e)} 回到名册${signals ? '' : '（目前没有预警信号，列在观察名单）'}，档案和分档记录不变。${undone ? `此前的移出结果“${undone}”已撤销，不再计入统计。` : ''}`,
    );
    const to = [...new Set(activeSignals(e).map((s) => s.unitId))].flatMap((id) => ctx.config.liaisonsOf(id)).filter((p) => p.id !== person.id);
    if (to.length > 0) {
      ctx.push(to.map((p) => ({ kind: 'person' as const, personId: p.id })), `【名册变动】${esc(displayName(e))} 已恢复列入名册。查看：企业 ${e.id}`);
    }
  },
});
