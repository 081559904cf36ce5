import type { Config } from '../config/config.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import type { Store } from '../store/store.ts';
import type { LoginLinks, Sessions } from './sessions.ts';
import type { DingtalkLogin, WecomLogin } from './settings.ts';

export interface DashboardOptions {
  store: Store;
  config: Config;
  calendar: WorkingCalendar;
  /** The app's clock (tests fix it). */
  now: () => Date;
  sessions: Sessions;
  links: LoginLinks;
  wecom?: WecomLogin | undefined;
  dingtalk?: DingtalkLogin | undefined;
}

/** What the sign-in page offers. */
export function loginChoices(o: DashboardOptions) {
  return { wecom: Boolean(o.wecom), dingtalk: Boolean(o.dingtalk), person: undefined, nav: [] };
}
