/**
 * Every scheduled job, in the order they run when due at the same instant: the digest first (it
 * reports the state before the day's reminders), then the ladders and reminders.
 */
import type { Job } from '../job.ts';
import { calendarGapJob } from './calendar-gap.ts';
import { dailyDigestJob, supervisionReportJob, weeklyDigestJob } from './digests.ts';
import { loanWarningsJob } from './loans.ts';
import { meetingsJob } from './meetings.ts';
import { screeningJob } from './screening.ts';
import { taskRemindersJob } from './tasks.ts';
import { ticketRemindersJob } from './tickets.ts';

export const JOBS: readonly Job[] = [
  calendarGapJob,
  dailyDigestJob,
  weeklyDigestJob,
  supervisionReportJob,
  screeningJob,
  taskRemindersJob,
  loanWarningsJob,
  meetingsJob,
  ticketRemindersJob,
];
