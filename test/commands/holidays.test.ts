import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

// A made-up 2027 arrangement (the real notice was not published when this was written), the same
// as test/domain/calendar/fixtures.ts HYPOTHETICAL_2027.
const HOLIDAYS = '元旦:2027-01-01..2027-01-03, 春节:2027-02-05..2027-02-12, 清明节:2027-04-03..2027-04-05, 劳动节:2027-05-01..2027-05-05, 端午节:2027-06-09, 中秋节:2027-09-15, 国庆节:2027-10-01..2027-10-07';
const WORKDAYS = '2027-01-31, 2027-02-20, 2027-04-25, 2027-05-08, 2027-09-26, 2027-10-09';

describe('节假日', () => {
  it('enters a new year from chat while the service runs, after a confirmation, and moves deadlines that fall on a day off', async () => {
    t = await createTestBot({ at: '2026-12-28T10:00:00+08:00' });
    await t.say('办公室主任', 'single', '交办 内容:清理E1债权 牵头:税务局 期限:2027-02-08');
    expect(await t.say('办公室主任', 'single', '节假日 2027')).toMatch(/^2027年的节假日安排尚未录入。/);
    expect(await t.say('系统管理员', 'single', `节假日 2027 放假:"${HOLIDAYS}" 调休:"${WORKDAYS}"`)).toMatch(/^将录入2027年节假日安排/);
    expect(t.app.calendar.isCovered(2027)).toBe(false);
    const reply = await t.say('系统管理员', 'single', '确认');
    expect(reply).toMatch(/^已录入2027年节假日安排：放假\d+天，调休上班\d+天，.*即时生效。\n期限落在放假日的督办事项已顺延并通知有关单位：T1 2027年2月8日→2027年2月15日/);
    expect(t.app.calendar.isWorkingDay('2027-02-08')).toBe(false);
    expect(t.app.store.get('tasks', 'T1')?.deadline).toBe("2027-02-15");
    await t.restart();
    expect(t.app.calendar.isCovered(2027)).toBe(true);
    expect(await t.say('办公室主任', 'single', '节假日 2027')).toMatch(/^2027年节假日安排（来源：管理员录入/);
  });

  it('refuses an arrangement with seven working days in a row, saying why, and changes nothing', async () => {
    t = await createTestBot({ at: '2026-12-28T10:00:00+08:00' });
    await t.say('系统管理员', 'single', `节假日 2027 放假:"${HOLIDAYS}" 调休:"${WORKDAYS}, 2027-02-14"`);
    expect(await t.say('系统管理员', 'single', '确认')).toMatch(/^2027年节假日安排有误，没有保存：.*2027-02-14 至 2027-02-20 连续工作7天/);
    expect(t.app.calendar.isCovered(2027)).toBe(false);
    expect(t.app.store.get('settings', 'calendar:2027')).toBeUndefined();
  });

  it('is for administrators and the director only', async () => {
    t = await createTestBot();
    expect(await t.say('区税务局联络员', 'single', '节假日 2026')).toMatch(/^「节假日」只有系统管理员、办公室主任可以使用/);
  });
});
