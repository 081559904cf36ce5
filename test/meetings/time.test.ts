import { afterEach, describe, expect, it } from 'vitest';
import { ONE_LINE_CHINESE } from '../support/state-snapshot.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const tax = (text: string) => t.say('区税务局联络员', 'single', text);
const director = (text: string) => t.say('办公室主任', 'single', text);

describe('meeting times', () => {
  it('keep to working hours: a liaison is refused 23:00 and 03:00, and cannot propose them either', async () => {
    t = await createTestBot();
    for (const time of ['2026-12-03 23:00', '2026-12-04 03:00', '2026-12-03 08:00']) {
      const reply = await tax(`申请会议 议题:解除查封 单位:人社局 时间:"${time}"`);
      expect(reply).toMatch(/不在会议时间（工作日 08:30—18:00）内，请另选时间。$/);
      expect(reply).toMatch(ONE_LINE_CHINESE);
    }
    await tax('申请会议 议题:解除查封 单位:人社局 时间:"2026-12-03 15:00"');
    expect(await t.say('区人社局联络员', 'single', '会议 M1 改期 时间:"2026-12-03 20:00"')).toBe('2026年12月3日（星期四）20:00不在会议时间（工作日 08:30—18:00）内，请另选时间。');
    expect(t.app.store.get('meetings', 'M2')).toBeUndefined();
  });

  it('let the director set another time or day after answering 确认', async () => {
    t = await createTestBot();
    const asked = await director('申请会议 议题:紧急协调 单位:人社局 时间:"2026-12-03 19:00"');
    expect(asked).toMatch(/^2026年12月3日（星期四）19:00不在会议时间（工作日 08:30—18:00）内。确定把会议安排在这个时间吗？\n回复“确认”执行/);
    expect(t.app.store.get('meetings', 'M1')).toBeUndefined();
    expect(await director('确认')).toMatch(/^已发出会议邀请 M1（2026年12月3日（星期四）19:00不在会议时间（工作日 08:30—18:00）内，已按办公室主任确认安排）/);
    expect(await director('会议 M1 时间:"2026-12-05 10:00"')).toMatch(/^12月5日是星期六，不是工作日。确定把会议安排在这个时间吗？/);
    expect(await director('确认')).toMatch(/^已改定时间并通知各受邀单位（12月5日是星期六，不是工作日，已按办公室主任确认安排）。/);
  });

  it('warn of another meeting of the same unit at about the same time', async () => {
    t = await createTestBot();
    await tax('申请会议 议题:解除查封 单位:人社局、法院 时间:"2026-12-03 15:00"');
    await tax('申请会议 议题:另一件事 单位:财政局 时间:"2026-12-03 15:00"');
    const reply = await director('申请会议 议题:年度工作 级别:联席 时间:"2026-12-03 16:00"');
    expect(reply).toMatch(/^已发出会议邀请 M3，各单位答复后会告诉您。注意时间冲突：区税务局、区人社局、区法院另有业务会议 M1（2026年12月3日（星期四）15:00）；区税务局、区财政局另有业务会议 M2（2026年12月3日（星期四）15:00）。\n/);
    expect(await tax('申请会议 议题:第三件 单位:人社局 时间:"2026-12-04 15:00"')).not.toContain('冲突');
  });

  it('of a 联席会议 invite every member unit, and say so when 单位: is given', async () => {
    t = await createTestBot();
    const reply = await director('申请会议 议题:年度工作 级别:联席 单位:法院,税务局 时间:"2026-12-10 15:00"');
    expect(reply).toMatch(/^已发出会议邀请 M1（联席会议邀请全体成员单位，“单位:”不适用），/);
    expect(t.app.store.get('meetings', 'M1')!.unitIds).toHaveLength(t.config.units.length);
  });
});
