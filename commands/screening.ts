import { z } from 'zod';
import { actingUnit } from '../src/core/acting-unit.ts';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { countField, textField } from '../src/core/zod-fields.ts';
import { formatOfficialDate } from '../src/domain/dates.ts';
import { parseQuarterId, quarterContaining } from '../src/domain/periods.ts';
import { quarterFindings } from '../src/screening/findings.ts';
import { currentRound, missingUnits, plannedOpening, recordAnswer, roundPeriod } from '../src/screening/rounds.ts';
import { roundStatus } from '../src/screening/status.ts';

const USAGE = '排查 ｜ 排查 无新增 ｜ 排查 完成 新增:<家数> [说明:<文字>]（办公室主任代报加 单位:<单位>；查看往季加 季度:2026Q3）';
const NONE_WORDS = new Set(['无新增', '无', '没有', '没有新增', '无增加']);
const DONE_WORDS = new Set(['完成', '已完成', '报送', '有新增']);

/**
 * 排查: the quarterly screening (000 art. 5). A liaison answers for their unit — 无新增, or 完成
 * with how many enterprises it added (listed with 登记); the director may answer for a unit with
 * 单位:. Without arguments it shows the current round. An answer after the deadline is kept and
 * marked late; a second answer corrects the first (timeliness is judged by the first).
 */
export default defineCommand({
  name: '排查',
  aliases: ['季度排查'],
  summary: '报送本单位的季度危困企业排查结果（无新增／完成 新增:N），或查看本轮排查进度',
  usage: USAGE,
  examples: ['排查', '排查 无新增', '排查 完成 新增:3 说明:欠薪企业2家、欠税企业1家', '排查 无新增 单位:税务局'],
  audience: ['liaison', 'director', 'convener', 'admin'],
  params: {
    action: { label: '结果', positional: true, hint: '无新增，或 完成' },
    added: { label: '新增', aliases: ['新增家数', '家数'], hint: '本季度新排查出的企业家数' },
    note: { label: '说明', aliases: ['备注', '情况'], hint: '简要说明' },
    unit: { label: '单位', hint: '（办公室主任代报时）哪个单位' },
    quarter: { label: '季度', hint: '查看某季度，如 2026Q3' },
  },
  schema: z.object({
    action: z.string().trim().optional(),
    added: countField.optional(),
    note: textField(300).optional(),
    unit: z.string().optional(),
    quarter: z.string().optional(),
  }),
  run(ctx) {
    const { args, tx, config, person, today } = ctx;
    const action = args.action ?? '';
    const answering = action !== '' || args.added !== undefined;
    let round = currentRound(tx);
    if (args.quarter) {
      const q = parseQuarterId(args.quarter);
      if (!q) throw new UserError(`季度写成 2026Q3 这样的形式，您写的是“${args.quarter}”。`);
      if (answering && q.id !== round?.id) throw new UserError(`只能报送本轮（${round ? roundPeriod(round).label : '尚未开启'}）的排查结果。`);
      round = tx.get('screenings', q.id);
      if (!round) throw new UserError(`${q.label}没有开展排查。`);
    }
    if (!round) {
      const q = quarterContaining(today);
      const opens = plannedOpening(ctx.calendar, config, q);
      const when = typeof opens === 'string' && opens !== 'gap' && opens >= today ? `，将于${formatOfficialDate(opens)}开启` : '';
      throw new UserError(`目前没有进行中的季度排查${when}。开启时会通知各单位联络员。`);
    }
    if (!answering) {
      ctx.reply(roundStatus(config, round, person, today));
      return;
    }
    if (!person.roles.some((r) => r === 'liaison' || r === 'director' || r === 'admin')) {
      throw new UserError('排查结果由各成员单位联络员报送（办公室主任可代报）。');
    }
    let added: number;
    if (NONE_WORDS.has(action)) {
      if (args.added) throw new UserError(`“无新增”和“新增:${args.added}”矛盾。有新增请写：排查 完成 新增:${args.added}。`);
      added = 0;
    } else if (DONE_WORDS.has(action) || action === '') {
      if (args.added === undefined) throw new UserError(`请写新增家数：排查 完成 新增:<家数>；没有新增请写：排查 无新增。`);
      added = args.added;
    } else {
      throw new UserError(`看不懂“${action}”。写法：${USAGE}`);
    }
    const unit = actingUnit(config, person, args.unit, USAGE);
    const base = round.unitIds.includes(unit.id) ? round : { ...round, unitIds: [...round.unitIds, unit.id] };
    const r = recordAnswer(base, unit.id, { added, ...(args.note ? { note: args.note } : {}), by: person.id, at: ctx.now });
    tx.put('screenings', r.round);
    const period = roundPeriod(round);
    const registered = quarterFindings(tx, period).signalsByUnit.get(unit.id) ?? 0;
    const remaining = missingUnits(r.round).length;
    const lines = [
      `已${r.corrected ? '更正' : '记录'}${unit.name}${period.label}排查结果：${added > 0 ? `新增${added}家` : '无新增'}${args.note ? `（${args.note}）` : ''}。`,
      r.late ? `已过截止日（${formatOfficialDate(round.deadline)}），记为逾期报送。` : '',
      added > registered ? `本季度${unit.name}在名册中登记了${registered}条预警信号；还没登记的企业请用“登记”列入名册。` : '',
      `本轮已报送${r.round.unitIds.length - remaining}/${r.round.unitIds.length}个单位。`,
    ];
    ctx.reply(lines.filter(Boolean).join('\n'));
  },
});
