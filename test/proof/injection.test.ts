import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot } from '../support/transcript.ts';
import { createIntakeBot } from '../intake/harness.ts';

/**
 * Markup a member could type into a value that another person receives as platform markdown: a
 * mention of everyone, a link, a font tag, a heading. None of them may come out live in a push.
 */
const CORPUS = ['<@all>', '<at_user_id="@all">', '[钓鱼](http://evil.example/p)', '<font_color="warning">警告</font>'];

function expectInert(text: string): void {
  expect(text).not.toMatch(/<@|<at|<font|\]\(/);
  expect(text.split('\n').some((line) => /^\s*#/.test(line))).toBe(false);
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('user text in pushes is inert', () => {
  it.each(CORPUS)('【名册变动】 with %s in the name and the detail', async (bad) => {
    const t = await createTestBot();
    close = () => t.close();
    await t.say('区人社局联络员', 'single', `登记 “某某${bad}机械有限公司” 代码:91440300192317458F 情形:欠薪 说明:“${bad}”`);
    const pushes = t.takePushes();
    expect(pushes.map((p) => p.text).join('\n')).toContain('【名册变动】');
    for (const p of pushes) expectInert(p.text);
  });

  it.each(CORPUS)('【联席会议议题】 with %s in the topic', async (bad) => {
    const t = await createTestBot();
    close = () => t.close();
    await t.say('办公室主任', 'single', `议题 内容:“研究${bad}事项”`);
    const pushes = t.takePushes();
    expect(pushes.map((p) => p.text).join('\n')).toContain('【联席会议议题】');
    for (const p of pushes) expectInert(p.text);
  });

  it.each([...CORPUS, '# 假标题'])('【诉求 Qn】 with %s in a unit’s answer', async (bad) => {
    const t = await createIntakeBot();
    close = () => t.close();
    await t.customerSays('wmA', '税务局说我们欠税要冻结账户');
    t.takeStaffPushes();
    await t.say('纾困中心工作人员甲', '纾困中心工作群', '转办 Q1 单位:税务局');
    t.takeStaffPushes();
    await t.say('区税务局联络员', 'single', `回复 Q1\n${bad}`);
    const pushes = t.takeStaffPushes();
    expect(pushes.map((p) => p.text).join('\n')).toContain('【诉求 Q1】');
    for (const p of pushes) expectInert(p.text);
  });
});
