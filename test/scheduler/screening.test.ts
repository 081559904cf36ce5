import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { fromJobs, noticeOf, type SentPush, tick } from './helpers.ts';

const ANSWER_NONE = ['法院', '检察院', '发改', '工信', '公安', '财政', '人社', '生态环境', '应急', '自然资源', '行政审批', '投促', '信访', '市场监管'];

describe('the quarterly screening ladder: open → reminder → @ at the deadline → report → late answer', () => {
  let t: TestBot;
  const log: SentPush[] = [];
  const run = async (iso: string) => {
    const { sent } = await tick(t, iso);
    log.push(...sent);
    return fromJobs(sent);
  };

  beforeAll(async () => {
    t = await createTestBot({ at: '2026-11-30T18:00:00+08:00' });
    await run('2026-11-30T18:00:00+08:00');
  });
  afterAll(() => t.close());

  it('opens on the first working day of the quarter\'s last month, with a notice to every unit', async () => {
    const sent = await run('2026-12-01T09:00:00+08:00');
    const opens = sent.filter((p) => noticeOf(p).startsWith('screening-open:2026Q4:'));
    expect(opens).toHaveLength(17);
    expect(opens.find((p) => p.to === '区税务局联络员')!.text).toContain('于**2026年12月15日（星期二）**前报送结果');
    expect(t.app.store.get('screenings', '2026Q4')).toMatchObject({ opensOn: '2026-12-01', deadline: '2026-12-15' });
  });

  it('takes answers and registrations during the round', async () => {
    t.clock.set('2026-12-02T10:00:00+08:00');
    await t.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税 说明:欠税6个月');
    await t.say('区人社局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠薪 说明:拖欠工资3个月');
    await t.say('区税务局联络员', 'single', '登记 某某商贸有限公司 代码:91110108551385082Q 情形:欠税 说明:欠税8个月');
    await t.say('办公室主任', 'single', '分档 E2 档:3 理由:无经营场所');
    expect(await t.say('区税务局联络员', 'single', '排查 完成 新增:2')).toContain('已记录区税务局2026年第四季度排查结果：新增2家');
    for (const u of ANSWER_NONE) await t.say(`${u}联络员`, 'single', '排查 无新增');
    t.takePushes();
  });

  it('reminds only the units still missing, 2 working days before the deadline', async () => {
    expect(await run('2026-12-10T09:00:00+08:00')).toEqual(expect.not.arrayContaining([expect.objectContaining({ key: expect.stringContaining('screening-remind') })]));
    const sent = (await run('2026-12-11T09:00:00+08:00')).filter((p) => noticeOf(p).startsWith('screening-remind:'));
    expect(sent.map((p) => p.to).sort()).toEqual(['人民银行区支行联络员', '金融监管支局联络员']);
    expect(sent[0]!.text).toContain('已有15个单位报送');
  });

  it('@-mentions the missing units in the liaison group on the deadline, thanking the others, once', async () => {
    const sent = (await run('2026-12-15T09:00:00+08:00')).filter((p) => noticeOf(p) === 'screening-deadline:2026Q4');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('府院联动联络员群');
    expect(sent[0]!.message.mentions?.sort()).toEqual(['nfra-liaison', 'pboc-liaison']);
    expect(sent[0]!.text).toContain('已有15个单位报送，感谢各单位支持');
    expect(sent[0]!.text).toContain('还有2个单位的结果没有收到：人民银行区支行、金融监管支局');
    expect(fromJobs((await tick(t, '2026-12-15T14:00:00+08:00')).sent).filter((p) => noticeOf(p).startsWith('screening'))).toEqual([]);
  });

  it('names the missing units in the director\'s digest and sends the closing report the next working day', async () => {
    const digest = (await run('2026-12-16T08:30:00+08:00')).find((p) => noticeOf(p) === 'daily-digest:2026-12-16')!;
    expect(digest.text).toContain('未报送：人民银行区支行、金融监管支局');
    const report = (await run('2026-12-16T09:00:00+08:00')).find((p) => noticeOf(p) === 'screening-report:2026Q4')!;
    expect(report.to).toBe('办公室主任');
    expect(report.text).toContain('按时报送15个单位，未报送2个（人民银行区支行、金融监管支局）');
    expect(report.text).toContain('区税务局：新增2家（名册登记2条预警）');
    expect(report.text).toContain('本季度新纳入名册2家');
    // Tier proposals: E1 (two units, no tier); E2 already has a tier.
    expect(report.text).toContain('尚未分档1家：E1');
    expect(report.text).toContain('多个单位同时预警1家：E1 某某机械有限公司（区税务局、区人社局）');
  });

  it('keeps a late answer, marks it late, and the next digest and the 通报 say so', async () => {
    t.clock.set('2026-12-17T10:00:00+08:00');
    const reply = await t.say('人民银行区支行联络员', 'single', '排查 无新增');
    expect(reply).toContain('已过截止日（2026年12月15日），记为逾期报送');
    expect(await t.say('办公室主任', 'single', '排查')).toContain('人民银行区支行：无新增（12月17日，逾期）');
    const digest = (await run('2026-12-18T08:30:00+08:00')).find((p) => noticeOf(p) === 'daily-digest:2026-12-18')!;
    expect(digest.text).toContain('未报送：金融监管支局；逾期报送：人民银行区支行');
    t.clock.set('2026-12-18T10:00:00+08:00');
    const report = await t.say('办公室主任', 'single', '简报 通报 2026Q4');
    expect(report).toContain('季度排查逾期报送：人民银行区支行。');
    expect(report).toContain('季度排查未报送：金融监管支局。');
  });

  it('never repeated a step', () => {
    const keys = fromJobs(log).map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
