import type { Config } from '../config/config.ts';
import type { Person, Unit } from '../domain/types.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import type { StateReader } from '../store/tx.ts';

/** What every page reads: the committed state, who asks, and when (the app's clock). */
export interface DashboardView {
  tx: StateReader;
  config: Config;
  calendar: WorkingCalendar;
  person: Person;
  unit: Unit | undefined;
  now: Date;
  /** Today in Asia/Shanghai, 'YYYY-MM-DD'. */
  today: string;
}

export function dashboardView(input: { tx: StateReader; config: Config; calendar: WorkingCalendar; person: Person; now: Date }): DashboardView {
  const { person, config, now } = input;
  return { ...input, unit: person.unitId ? config.unitById(person.unitId) : undefined, today: toShanghaiDate(now) };
}

/** A liaison's view is their own unit's; the office's is everything (as 任务 without arguments). */
export function ownUnitOf(view: DashboardView): string | undefined {
  return view.person.roles.includes('liaison') ? view.person.unitId : undefined;
}
