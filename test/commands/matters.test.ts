import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

describe('事项', () => {
  it('lists the twelve matters of 附件2 with short titles', async () => {
    t = await createTestBot();
    const reply = await t.say('区税务局联络员', '联络员群', '事项');
    const lines = reply.split('\n');
    expect(lines[0]).toBe('**企业破产处置协调事项**（十二项）');
    expect(lines.slice(1, 13).map((l) => l.split(' — ')[0])).toEqual([
      '1. 职工权益保障', '2. 解除财产保全', '3. 涉税事务', '4. 土地房产处置', '5. 招商引资', '6. 破产重整',
      '7. 打击逃废债', '8. 维稳', '9. 变更注销', '10. 金融支持', '11. 破产经费', '12. 管理人履职',
    ]);
  });

  it('shows one matter in full with the configured units of its kinds', async () => {
    t = await createTestBot();
    expect(await t.say('纾困中心工作人员甲', 'single', '事项 3')).toBe(
      '**协调事项3：涉税事务**\n加快破产涉税事务处置。协调征税机关在破产债权申报期内及时申报税收债权；协调研究税收债权优先性等方面存在的规则冲突，统一执法尺度；协调破产企业土地增值税政策适用和应纳税额计算；协调简化办理破产企业减免税程序；协调破产重整中债务重组所得税、破产财产变现有关税负处置、税收优惠政策适用等问题。\n涉及单位：区法院、区税务局',
    );
    const second = await t.say('召集人', 'single', '事项 解除查封');
    expect(second).toMatch(/^\*\*协调事项2：解除财产保全\*\*/);
    expect(second).toContain('涉及单位：区法院、区检察院、区公安分局、区市场监管局、区税务局');
    const first = await t.say('办公室主任', 'single', '事项 第1项');
    expect(first).toContain('涉及单位：区法院、区人社局、区税务局');
    expect(first).toContain('本机制未配置：民政局、司法局、医疗保障部门');
  });

  it('says how to ask when the matter is unknown', async () => {
    t = await createTestBot();
    expect(await t.say('区税务局联络员', 'single', '事项 13')).toBe('协调事项的编号是1至12，没有第13项。');
    expect(await t.say('区税务局联络员', 'single', '事项 天气')).toMatch(/^无法确定“天气”属于哪项协调事项/);
  });
});
