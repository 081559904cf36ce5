/**
 * A running 工作台 for tests: the demo config's bot (test/support/transcript.ts) with some history
 * made through chat commands, served by the real koa app on 127.0.0.1 and a random port.
 */
import { dashboardRoutes } from '../../src/dashboard/index.ts';
import { LoginLinks, Sessions } from '../../src/dashboard/sessions.ts';
import type { DingtalkLogin, WecomLogin } from '../../src/dashboard/settings.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { listenOnLoopback } from '../support/listen.ts';

export interface RunningDashboard {
  t: TestBot;
  url: string;
  links: LoginLinks;
  /** A one-time login link for a person (name, role label or id). */
  loginLink(person: string): string;
  close(): Promise<void>;
}

export async function startDashboard(options: { wecom?: WecomLogin; dingtalk?: DingtalkLogin; seed?: boolean } = {}): Promise<RunningDashboard> {
  const t = await createTestBot({ at: '2026-11-23T09:00:00+08:00' });
  if (options.seed !== false) await seed(t);
  const links = new LoginLinks();
  const now = () => t.clock.now;
  const app = t.app;
  const http = createHttpApp({
    store: app.store,
    channels: {},
    cookieKeys: ['test-cookie-key'],
    routes: [dashboardRoutes({ store: app.store, config: app.config, calendar: app.calendar, now, sessions: new Sessions(now), links, wecom: options.wecom, dingtalk: options.dingtalk })],
  });
  const server = await listenOnLoopback(http);
  const url = server.url;
  return {
    t,
    url,
    links,
    loginLink(ref) {
      const person = t.config.findPerson(ref);
      if (!person) throw new Error(`test: unknown person ${ref}`);
      return `${url}/dashboard/login/local?token=${links.issue(person.id)}`;
    },
    async close() {
      await server.close();
      await t.close();
    },
  };
}

const must = async (t: TestBot, who: string, text: string) => {
  const reply = await t.say(who, 'single', text);
  if (/没有|无法|不能|看不懂|请写|只有|应为|不对|可用的/u.test(reply.split('\n')[0] ?? '')) throw new Error(`seed: ${text} → ${reply}`);
  return reply;
};

/** A few weeks of work: listings by several units, tiers, tasks, meetings, a loan, an exit. */
export async function seed(t: TestBot): Promise<void> {
  t.clock.set('2026-10-12T10:00:00+08:00');
  await must(t, '区税务局联络员', '登记 城区示例机械有限公司 代码:91140502MA0K00001Q 情形:欠税 说明:"欠缴增值税3个月"');
  await must(t, '区人社局联络员', '登记 E1 情形:欠薪 说明:"拖欠工资2个月，涉及40人"');
  await must(t, '区法院联络员', '登记 城区示例纺织有限公司 代码:91140502MA0K00002U 情形:涉诉涉执 说明:"被执行案件12件"');
  await must(t, '区人社局联络员', '登记 城区示例建材有限公司 代码:91140502MA0K00003Y 情形:欠薪 说明:"拖欠工资1个月"');
  await must(t, '办公室主任', '分档 E1 档:2 理由:"有订单，资金链断裂" 措施:预重整');
  await must(t, '办公室主任', '分档 E2 档:3 理由:"停产一年，资不抵债"');
  await must(t, '办公室主任', '交办 内容:核实E1欠税金额并研究分期缴纳 牵头:税务局 期限:2026-10-30 企业:E1');
  await must(t, '办公室主任', '交办 内容:协调E2执行案件集中管辖 牵头:法院 协办:公安局 期限:2026-11-25 企业:E2');
  await must(t, '办公室主任', '交办 内容:摸排E3欠薪人数 牵头:人社局 期限:2026-12-20 企业:E3');
  await must(t, '区税务局联络员', '申请会议 议题:E1欠税分期 单位:人社局 企业:E1 时间:"2026-10-20 15:00"');
  t.clock.set('2026-10-28T10:00:00+08:00');
  await must(t, '区税务局联络员', '完成 T1 说明:已核实欠税120万元，同意分6期缴纳');
  await must(t, '办公室主任', '办结 T1');
  await must(t, '办公室主任', '交办 内容:核实E1社保欠费 牵头:人社局 期限:2026-11-13 企业:E1');
  await must(t, '办公室主任', '交办 内容:清理E1欠税滞纳金 牵头:税务局 期限:2026-12-10 企业:E1');
  t.clock.set('2026-11-02T10:00:00+08:00');
  await must(t, '区人社局联络员', '申请会议 议题:E3职工安置 单位:法院 企业:E3 时间:"2026-11-27 10:00"');
  t.clock.set('2026-11-18T10:00:00+08:00');
  await must(t, '办公室主任', '移出 E2 结果:清算出清 土地:30亩 厂房:5000平方米');
  await must(t, '办公室主任', '确认');
  t.clock.set('2026-11-23T08:30:00+08:00');
  await must(t, '区工信局联络员', '登记 城区示例电子有限公司 代码:91140502MA0K000042 情形:其他 说明:"停产两个月，拖欠货款"');
  t.clock.set('2026-11-23T09:00:00+08:00');
}
