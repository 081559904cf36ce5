import { afterEach, describe, expect, it } from 'vitest';
import type { TestBot } from '../support/transcript.ts';
import { docxXml, sentFile, workingBot } from './fixture.ts';

let t: TestBot;
afterEach(async () => t?.close());

/** Checks the GB/T 9704 page and type every document shares. */
function expectGbForm(xml: string): void {
  // A4 portrait, 天头 37 mm and 订口 28 mm.
  expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
  expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/u);
  // 正文 3号仿宋 (16 pt), the fonts named, not embedded.
  expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  expect(xml).toContain('<w:sz w:val="32"/>');
  // Official dates have no zero padding.
  expect(xml).not.toMatch(/\d{4}年0\d月|月0\d日/u);
}

describe('纪要 as a Word document', () => {
  it('纪要 M1 文档: the requester gets the 纪要 in the GB/T 9704 §10.3 form, without a seal', async () => {
    t = await workingBot();
    const reply = await t.say('区税务局联络员', 'single', '纪要 M1 文档');
    expect(reply).toMatch(/^已生成城区企业破产处置府院联动机制业务会议纪要（第1号，业务会议 M1）。文件《城区企业破产处置府院联动机制业务会议纪要第1号_2026-12-04_0900\d\d\.docx》随后发给您。$/u);
    const file = sentFile(t.takePushes(), '区税务局联络员');
    const { xml, text } = await docxXml(file.path);
    expectGbForm(xml);
    const lines = text.split('\n');
    // 纪要标志 in red 小标宋, 第N号, the office and the date on one line.
    expect(lines[0]).toBe('城区企业破产处置府院联动机制业务会议纪要');
    expect(xml).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="Times New Roman"\/><w:snapToGrid w:val="false"\/><w:color w:val="FF0000"\/>[^]*?<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>/u);
    // The number carries its year; the office and the date in two cells of one row, never run together.
    expect(lines[1]).toBe('（2026年第1号）');
    expect(lines.slice(2, 4)).toEqual(['城区企业破产处置府院联动机制办公室', '2026年12月4日']);
    expect(text).toContain('2026年12月3日15:00，区税务局提议召开业务会议，在区法院第三会议室，研究“解除查封”有关事项。涉及企业：E1 某某机械有限公司。');
    expect(text).toContain('会议议定如下：');
    expect(text).toContain('一、同意由管理人接管厂区。');
    expect(text).toContain('二、解除对E1厂房的查封。牵头单位：区法院；协办单位：区公安分局；完成时限：2026年12月18日前（督办编号 T1）。');
    expect(text).toContain('三、申报税收债权。牵头单位：区税务局；完成时限：2026年12月21日前（督办编号 T2）。');
    expect(lines.slice(-7, -4)).toEqual(['出席：区税务局、区法院', '请假：区人社局', '列席：破产管理人']);
    // 版记: 分送, then the 印发机关 and 印发日期.
    expect(lines.slice(-3)).toEqual(['分送：联席会议总召集人、召集人，各成员单位。', '城区企业破产处置府院联动机制办公室', '2026年12月4日印发']);
    // "出席：" in 黑体, the names in 仿宋; no seal on a 纪要.
    expect(xml).toMatch(/w:eastAsia="黑体"[^>]*\/>(?:<[^>]+>)*<w:t[^>]*>出席：<\/w:t>/u);
    expect(text).not.toMatch(/印章|盖章/u);
  });

  it('导出 纪要 M1 works for the office; another unit’s liaison is refused; a meeting without 纪要 says so', async () => {
    t = await workingBot();
    expect(await t.say('办公室主任', 'single', '导出 纪要 M1')).toContain('已生成城区企业破产处置府院联动机制业务会议纪要（第1号');
    expect(await t.say('区人社局联络员', 'single', '纪要 M1 文档')).toBe('业务会议 M1的纪要文档由办公室主任、召集人或会议发起人导出；查看纪要内容请发“纪要 M1”。');
    await t.say('区税务局联络员', 'single', '申请会议 议题:职工安置 单位:人社局 时间:"2026-12-08 15:00"');
    expect(await t.say('区税务局联络员', 'single', '导出 纪要 M2')).toBe('业务会议 M2还没有纪要，先记录纪要（纪要 M2，换行写议定事项）再导出。');
    // The text form of the command is unchanged.
    expect(await t.say('区人社局联络员', 'single', '纪要 M1')).toContain('（第1号）');
  });
});

describe('督办通报 as a Word document', () => {
  it('导出 通报 2026Q4 on 12-28: a 阶段通报 as of that day — 标题, 主送, 总体情况 with numbers, a table per unit, 存在问题, 下一步要求, 落款', async () => {
    t = await workingBot();
    await t.say('区法院联络员', 'single', '完成 T1 说明:已解除查封');
    await t.say('办公室主任', 'single', '办结 T1');
    t.clock.set('2026-12-28T09:00:00+08:00');
    const reply = await t.say('办公室主任', 'single', '导出 通报 2026Q4');
    expect(reply).toMatch(/^已生成城区企业破产处置府院联动机制办公室关于2026年第四季度督办事项办理情况的阶段通报（府院联办〔2026〕1号）。/u);
    const { xml, text } = await docxXml(sentFile(t.takePushes(), '办公室主任').path);
    expectGbForm(xml);
    const lines = text.split('\n');
    // 版头: 发文机关标志, 发文字号; then the 标题.
    expect(lines.slice(0, 4)).toEqual(['城区企业破产处置府院联动机制办公室', '', '', '府院联办〔2026〕1号']);
    expect(text).toContain('\n城区企业破产处置府院联动机制办公室关于2026年第四季度督办事项办理情况的阶段通报\n');
    expect(text).toContain('现将2026年第四季度截至2026年12月28日的督办事项办理情况通报如下');
    expect(text).toContain('\n各成员单位：\n');
    expect(text).toContain('一、总体情况');
    expect(text).toContain('截至2026年12月28日，纳入督办的事项共2件（本季度交办2件，此前结转0件）。其中按期办结1件，逾期办结0件，正在办理0件，逾期未办结1件，按期办结率50%。');
    expect(text).toContain('二、各单位办理情况');
    // The table: a header row and one row per unit with figures.
    expect(xml).toContain('<w:tblHeader/>');
    expect(text).toContain('\n单位\n牵头事项\n按期办结\n逾期办结\n正在办理\n逾期未办结\n季度排查\n会议答复\n');
    expect(text).toContain('\n区法院\n1\n1\n0\n0\n0\n');
    expect(text).toContain('\n区税务局\n1\n0\n0\n0\n1\n');
    expect(text).toContain('三、好的做法\n区法院牵头的督办事项全部按期办结，工作积极、优质、高效，予以通报表扬。');
    expect(text).toContain('四、存在问题\n（一）区税务局牵头的督办事项逾期未办结1件（督办编号 T2）。');
    // Ten working days from 2026-12-28 end in 2027, whose holidays the calendar does not have yet: no date is guessed.
    expect(text).toContain('五、下一步要求\n（一）限期整改。逾期未办结的事项，请牵头单位在10个工作日内办结，并向联席会议办公室书面说明逾期原因');
    // 落款 without a seal, then the 版记.
    expect(lines.slice(-6)).toEqual(['城区企业破产处置府院联动机制办公室', '2026年12月28日', '', '抄送：联席会议总召集人、召集人。', '城区企业破产处置府院联动机制办公室', '2026年12月28日印发']);
    // 标题 in 小标宋, 一、 in 黑体, （一） in 楷体.
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
  });

  it('发文字号 from a stored per-year counter: each quarter its own number, kept on a second export, never reused', async () => {
    t = await workingBot();
    t.clock.set('2026-12-28T09:00:00+08:00');
    expect(await t.say('办公室主任', 'single', '导出 通报 2026Q3')).toContain('（府院联办〔2026〕1号）');
    expect(await t.say('办公室主任', 'single', '导出 通报 2026Q4')).toContain('（府院联办〔2026〕2号）');
    expect(await t.say('办公室主任', 'single', '导出 通报 2026Q3')).toContain('（府院联办〔2026〕1号）');
    // After a restart (the store read back from disk) the counter goes on.
    await t.restart();
    expect(await t.say('办公室主任', 'single', '导出 通报 2026Q2')).toContain('（府院联办〔2026〕3号）');
    t.takePushes();
  });

  it('without a quarter, the last finished one; a future quarter is refused', async () => {
    t = await workingBot();
    expect(await t.say('办公室主任', 'single', '导出 通报')).toContain('关于2026年第三季度督办事项办理情况的通报');
    expect(await t.say('办公室主任', 'single', '导出 通报 2027Q1')).toBe('2027年第一季度还没有开始。');
    expect(await t.say('办公室主任', 'single', '导出 通报 四季度')).toBe('季度写成 2026Q4 这样的形式，您写的是“四季度”。');
  });
});

describe('工作简报 as a Word document', () => {
  it('第N期 counts per year in the store; issues cover consecutive days, none twice; an issue can be exported again', async () => {
    t = await workingBot();
    const first = await t.say('办公室主任', 'single', '导出 简报');
    expect(first).toContain('已生成城区企业纾困工作简报第1期（2026年12月1日至2026年12月4日）');
    expect(first).toContain('（已编为第1期；重新导出本期请发“导出 简报 第1期”。）');
    const { xml, text } = await docxXml(sentFile(t.takePushes(), '办公室主任').path);
    expectGbForm(xml);
    const lines = text.split('\n');
    // 报头: 内部资料, the name large and red, 第N期, 编印单位 and date, a red line.
    expect(lines.slice(0, 6)).toEqual(['内部资料　注意保存', '', '城区企业纾困工作简报', '第1期', '城区企业破产处置府院联动机制办公室', '2026年12月4日']);
    expect(xml).toMatch(/<w:color w:val="FF0000"\/><w:sz w:val="72"\/>/u);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/u);
    // 报核: the period's numbers, by topic, in the hierarchy 一、（一）1.（1）.
    expect(text).toContain('2026年12月1日至2026年12月4日企业纾困工作情况');
    expect(text).toContain('召开协调会议1次（已解决0次），形成会议纪要1份；交办督办事项2件，办结0件');
    expect(text).toContain('在册困境企业2家（一档0家、二档1家、三档0家、待分档1家），观察名单1家。');
    expect(text).toContain('一、名册动态\n（一）新列入名册0家');
    expect(text).toContain('二、会商协调\n本期召开协调会议1次');
    expect(text).toContain('1.2026年12月3日，区税务局业务会议（M1）研究“解除查封”。');
    expect(text).toContain('三、督办落实');
    expect(text).toContain('四、纾困服务');
    // 报尾.
    expect(text).toContain('报：联席会议总召集人、召集人\n送：联席会议各成员单位\n发：各成员单位联络员');
    expect(lines.at(-1)).toBe('（共印19份）');

    // 第1期 covers today: a second issue the same day would count today's work twice.
    expect(await t.say('办公室主任', 'single', '导出 简报')).toBe('第1期简报已包括今天（2026年12月1日至2026年12月4日），新的一期从明天起算，请明天再生成。重新导出本期请发“导出 简报 第1期”。');
    t.clock.set('2026-12-07T09:00:00+08:00');
    const second = await t.say('办公室主任', 'single', '导出 简报');
    expect(second).toContain('第2期（2026年12月5日至2026年12月7日）');
    expect(await t.say('办公室主任', 'single', '导出 简报 第1期')).toContain('第1期（2026年12月1日至2026年12月4日）');
    expect(await t.say('办公室主任', 'single', '导出 简报 第9期')).toBe('2026年还没有第9期简报。不写期号即生成新的一期。');
    expect([...t.app.store.values('briefings')].map((b) => b.id)).toEqual(['2026-1', '2026-2']);
  });

  it('lists what was newly listed, with each unit’s signal as （1）', async () => {
    t = await workingBot();
    t.clock.set('2026-11-30T09:00:00+08:00');
    const text = (await docxXml(await (async () => {
      await t.say('办公室主任', 'single', '导出 简报');
      return sentFile(t.takePushes(), '办公室主任').path;
    })())).text;
    expect(text).toContain('（一）新列入名册2家\n1.E1 某某机械有限公司（北街街道）\n（1）区税务局：欠税时间较长、运营状态不佳，欠税8个月\n（2）区人社局：长期欠薪，拖欠3个月工资\n2.E2 小米科技有限责任公司\n（1）区市场监管局：信用风险高（D类）');
  });
});
