/**
 * The shape most jobs share: run at a configured time (or times) on every working day. The slot
 * is the date ('2026-12-03'), or the date and time ('2026-12-03T14:00') for a job that runs more
 * than once a day. Non-working days and days of a year without holiday data are blocked.
 */
import type { Config } from '../../config/config.ts';
import { isIsoDate } from '../../domain/calendar/civil.ts';
import type { CatchUpPolicy, Job, RunContext } from '../job.ts';
import { datesBetween, workingDayOccurrence } from '../slots.ts';

export interface DailySpec {
  id: string;
  label: string;
  /** Shanghai times of day ('09:00'), from the config's rhythms. */
  times: (config: Config) => readonly string[];
  catchUp?: CatchUpPolicy;
  run(ctx: RunContext): void | Promise<void>;
}

export function dailyJob(spec: DailySpec): Job {
  return {
    id: spec.id,
    label: spec.label,
    catchUp: spec.catchUp ?? 'latest',
    slots(env, from, to) {
      const times = spec.times(env.config);
      return datesBetween(from, to).flatMap((d) => (times.length === 1 ? [d] : times.map((t) => `${d}T${t}`)));
    },
    occurrence(env, slot) {
      const times = spec.times(env.config);
      const [date, time] = slot.split('T') as [string, string?];
      if (!isIsoDate(date)) return undefined;
      if (time === undefined ? times.length !== 1 : !times.includes(time)) return undefined;
      return workingDayOccurrence(env.calendar, spec.id, date, time ?? times[0]!, slot);
    },
    run: spec.run,
  };
}
