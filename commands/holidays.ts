import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { formatOfficialDate } from '../src/domain/dates.ts';
import { ArrangementError } from '../src/domain/calendar/override.ts';
import { applyArrangement, describeYear, isYear, parseDateList } from '../src/scheduler/calendar-admin.ts';

const USAGE = '节假日 <年份> 放假:"元旦:2027-01-01..2027-01-03, 春节:…" [调休:"2027-02-20, …"]';

/**
 * 节假日: the administrator enters a new year's holiday arrangement from chat, while the service
 * runs (the `calendar set` CLI needs the service stopped). Validated with the calendar's rules
 * (statutory days off, make-up days on weekends, no more than six working days in a row), stored,
 * and applied at once: task deadlines that now fall on a day off move to the next working day.
 * `节假日 2027` alone shows what is known of that year.
 */
export default defineCommand({
  name: '节假日',
  aliases: ['放假安排'],
  summary: '（管理员、办公室主任）查看或录入某年的节假日安排（国务院办公厅放假通知）',
  usage: USAGE,
  examples: ['节假日 2026'],
  audience: ['admin', 'director'],
  params: {
    year: { label: '年份', positional: true, hint: '四位年份，如 2027' },
    holidays: { label: '放假', aliases: ['节假日', '假期'], hint: '放假日期，可写节日名:起..止，用逗号分隔' },
    workdays: { label: '调休', aliases: ['上班', '补班'], hint: '调休上班的周末日期，用逗号分隔' },
  },
  schema: z.object({ year: z.string(), holidays: z.string().optional(), workdays: z.string().optional() }),
  confirm(ctx) {
    const { year, holidays } = ctx.args;
    return holidays ? `将录入${year}年节假日安排（放假：${holidays}${ctx.args.workdays ? `；调休上班：${ctx.args.workdays}` : ''}），期限落在放假日的督办事项会顺延。` : undefined;
  },
  run(ctx) {
    const { year, holidays, workdays } = ctx.args;
    if (!isYear(year)) throw new UserError(`年份应为四位数字，例如 2027，您写的是“${year}”。写法：${USAGE}`);
    if (!holidays) {
      if (!ctx.calendar.isCovered(Number(year))) throw new UserError(`${year}年的节假日安排尚未录入。国务院办公厅的放假通知发布后，请按此录入：${USAGE}`);
      ctx.reply(describeYear({ store: ctx.tx, calendar: ctx.calendar, config: ctx.config }, Number(year)).join('\n'));
      return;
    }
    const input = { year: Number(year), holidays: parseDateList(holidays), workdays: Object.values(parseDateList(workdays ?? '')).flat() };
    let r;
    try {
      r = applyArrangement(ctx.tx, ctx.calendar, ctx.config, input, ctx.person.id, ctx.now);
    } catch (err) {
      if (err instanceof ArrangementError) throw new UserError(`${year}年节假日安排有误，没有保存：${err.problems.join('；')}`);
      throw err;
    }
    const moved = r.moved.length ? `\n期限落在放假日的督办事项已顺延并通知有关单位：${r.moved.map((m) => `${m.id} ${formatOfficialDate(m.from)}→${formatOfficialDate(m.to)}`).join('；')}` : '';
    const meetings = r.meetingsOnDaysOff.length ? `\n以下会议定在非工作日，请发起人改期：${r.meetingsOnDaysOff.join('、')}` : '';
    ctx.reply(`已${r.replaced ? '更新' : '录入'}${r.year}年节假日安排：放假${r.holidays}天，调休上班${r.workdays}天，全年工作日${r.workingDays}天，即时生效。${moved}${meetings}`);
  },
});
