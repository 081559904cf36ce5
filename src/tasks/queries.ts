/**
 * What the scheduler needs about supervised tasks: due soon, due today, overdue, waiting for the
 * director. Deadlines are calendar days ('YYYY-MM-DD'); "working days left" uses the calendar,
 * with the display estimate of workingDaysLeft for years it does not cover.
 */
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { workingDaysLeft } from '../domain/task-colour.ts';
import type { Task } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

const open = (reader: StateReader): Task[] => reader.lookup('tasks', 'state', '办理中');
const byDeadline = (a: Task, b: Task) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : Number(a.id.slice(1)) - Number(b.id.slice(1)));

/** In progress and due within `n` working days from today (today included, overdue excluded). */
export function tasksDueWithin(reader: StateReader, calendar: WorkingCalendar, today: string, n: number): Task[] {
  return open(reader).filter((t) => t.deadline >= today && workingDaysLeft(calendar, today, t.deadline) <= n).sort(byDeadline);
}

/** In progress with today as the deadline. */
export function tasksDueToday(reader: StateReader, today: string): Task[] {
  return open(reader).filter((t) => t.deadline === today).sort(byDeadline);
}

/** In progress and past the deadline (红). */
export function overdueTasks(reader: StateReader, today: string): Task[] {
  return open(reader).filter((t) => t.deadline < today).sort(byDeadline);
}

/** Reported done, waiting for the director's 办结 / 退回. */
export function tasksAwaitingReview(reader: StateReader): Task[] {
  return reader.lookup('tasks', 'state', '已完成待审').sort(byDeadline);
}

/** Extension requests waiting for the director. */
export function pendingExtensions(reader: StateReader): Task[] {
  return open(reader).filter((t) => t.extension?.state === 'pending').sort(byDeadline);
}
