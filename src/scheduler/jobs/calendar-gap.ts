/**
 * While the current year has no holiday data, every working-day job is paused — and would pause
 * silently. This job says so to the director and the admins every Monday at dailyDigestAt (by
 * the weekday, the one thing still known), until an admin enters the year's arrangement.
 */
import { dayOfWeek, isIsoDate, yearOf } from '../../domain/calendar/civil.ts';
import { shanghaiDateTime } from '../../domain/calendar/shanghai.ts';
import { render } from '../../render/templates.ts';
import { enterCommand } from '../calendar-warnings.ts';
import type { Job } from '../job.ts';
import { directors } from '../recipients.ts';
import { datesBetween } from '../slots.ts';

export const calendarGapJob: Job = {
  id: 'calendar-gap',
  label: '节假日安排缺失提醒',
  catchUp: 'latest',
  anyDay: true,
  slots(env, from, to) {
    return datesBetween(from, to).filter((d) => dayOfWeek(d) === 1 && !env.calendar.isCovered(yearOf(d)));
  },
  occurrence(env, slot) {
    if (!isIsoDate(slot) || dayOfWeek(slot) !== 1 || env.calendar.isCovered(yearOf(slot))) return undefined;
    return { job: 'calendar-gap', slot, dueAt: shanghaiDateTime(slot, env.config.rhythms.dailyDigestAt) };
  },
  run(ctx) {
    const year = yearOf(ctx.occurrence.slot);
    const admins = ctx.config.peopleWithRole('admin');
    ctx.notify(`calendar-gap:${ctx.occurrence.slot}`, [...directors(ctx.config), ...admins], render('calendar-gap', { year, command: enterCommand(year) }));
  },
};
