import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const listed = (reply: string) => [...reply.matchAll(/^· (\S+) — /gm)].map((m) => m[1]);

describe('帮助', () => {
  it('lists only the commands the asker may run', async () => {
    t = await createTestBot();
    const staff = listed(await t.say('纾困中心工作人员甲', 'single', '帮助'));
    const liaison = listed(await t.say('区税务局联络员', 'single', '帮助'));
    expect(staff).toContain('企业');
    expect(staff).not.toContain('登记');
    expect(staff).not.toContain('案件');
    expect(liaison).toEqual(expect.arrayContaining(['帮助', '登记', '企业', '名册', '案件']));
  });

  it('shows one command’s form, parameters and examples, and who may use it', async () => {
    t = await createTestBot();
    const reply = await t.say('纾困中心工作人员甲', 'single', '帮助 登记');
    expect(reply).toMatch(/^「登记」把困境企业列入名册/);
    expect(reply).toMatch(/写法：登记 <企业名称> 代码:<统一社会信用代码> 情形:<预警情形>/);
    expect(reply).toMatch(/  代码: 18位统一社会信用代码/);
    expect(reply).toMatch(/例如：\n  登记 某某机械有限公司/);
    expect(reply).toMatch(/注意：「登记」只有成员单位联络员、办公室主任、系统管理员可以使用/);
  });

  it('understands a typo in the topic and says when there is no such command', async () => {
    t = await createTestBot();
    expect(await t.say('办公室主任', 'single', '帮助 名策')).toMatch(/^「名册」/);
    expect(await t.say('办公室主任', 'single', '帮助 天气')).toBe('没有“天气”这个命令。发“帮助”查看您能用的命令。');
  });
});
