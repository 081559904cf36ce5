/**
 * 诉求答复提醒, every working day at remindersAt: the enterprise requests (微信客服) still without a
 * staff answer after config.rhythms.ticketAnswerWorkingHours working hours (9:00–17:00 on working
 * days, src/domain/working-hours.ts) go to the 纾困中心 (its group, else each staff member), and
 * those routed to a member unit also to that unit's liaisons. One notice per day while overdue.
 * The rules are pure functions in src/intake/service-level.ts; this is only their schedule.
 */
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { formatShortDate } from '../../domain/dates.ts';
import { categoryLabel } from '../../intake/notices.ts';
import { type OverdueTicket, overdueTickets } from '../../intake/service-level.ts';
import { ticketTitle } from '../../intake/tickets.ts';
import { render } from '../../render/templates.ts';
import type { NoticeTarget, RunContext } from '../job.ts';
import { liaisonsOf } from '../recipients.ts';
import { dailyJob } from './daily.ts';

function reminder(ctx: RunContext, list: OverdueTicket[]): string {
  const hours = ctx.config.rhythms.ticketAnswerWorkingHours;
  return render('ticket-reminder', {
    hours,
    tickets: list.map(({ ticket: t, workingHours }) => ({
      id: t.id,
      category: categoryLabel(t),
      unit: t.assignedUnitId ? (ctx.config.unitById(t.assignedUnitId)?.name ?? '') : '',
      since: formatShortDate(toShanghaiDate(new Date(t.createdAt))),
      waited: workingHours === undefined ? '工作小时无法计算（节假日安排未录入）' : `已等${Math.floor(workingHours)}个工作小时`,
      summary: ticketTitle(t, 24),
    })),
  });
}

export const ticketRemindersJob = dailyJob({
  id: 'ticket-reminders',
  label: '诉求答复提醒',
  times: (config) => [config.rhythms.remindersAt],
  run(ctx) {
    const { config } = ctx;
    const open = [...ctx.tx.values('tickets')].filter((t) => t.state !== '已办结');
    const overdue = overdueTickets(open, ctx.now, ctx.calendar, config.rhythms.ticketAnswerWorkingHours);
    if (overdue.length === 0) return;
    const group = config.centerGroup();
    const staff: NoticeTarget[] = group ? [{ groupId: group.id }] : config.peopleWithRole('centerStaff');
    ctx.notify(`ticket-overdue:${ctx.today}`, staff, reminder(ctx, overdue));
    const byUnit = new Map<string, OverdueTicket[]>();
    for (const o of overdue) if (o.ticket.assignedUnitId) byUnit.set(o.ticket.assignedUnitId, [...(byUnit.get(o.ticket.assignedUnitId) ?? []), o]);
    for (const [unitId, list] of byUnit) ctx.notify(`ticket-overdue:${unitId}:${ctx.today}`, liaisonsOf(config, [unitId]), reminder(ctx, list));
    ctx.note(`超时未答复的诉求：${overdue.map((o) => o.ticket.id).join('、')}`);
  },
});
