import type { Config } from '../../src/config/config.ts';
import type { CommandDef } from '../../src/core/command.ts';
import { WecomApiClient } from '../../src/channels/wecom/api-client.ts';
import { KfApi } from '../../src/channels/wecom/kf-api.ts';
import { KfIntake } from '../../src/intake/intake.ts';
import type { AskIntakeHint } from '../../src/understand/intake-hint.ts';
import { type FakeWecom, startFakeWecom } from '../fakes/wecom-server.ts';
import { type TestBot, createTestBot } from '../support/transcript.ts';

export const KF = 'wkRescueCenter01';

export interface IntakeBot extends TestBot {
  fake: FakeWecom;
  intake: KfIntake;
  /** A WeChat customer writes; the callback is handed over and the outbox drained. Returns the msgid. */
  customerSays(ext: string, text: string, opts?: { msgtype?: string }): Promise<string>;
  /** What the customer received through kf/send_msg (via the transcript's recording sender). */
  toCustomer(ext: string): string[];
  /** Pushes to staff and liaisons (people and groups), taken. */
  takeStaffPushes(): { to: string; text: string }[];
}

/**
 * The transcript bot plus the kf intake against the fake WeCom server, on the same fake clock.
 * Messages to customers are recorded by the transcript's sender (the console family takes
 * external recipients); the e2e test covers the real kf sender.
 */
export async function createIntakeBot(options: { at?: string; config?: Config; commands?: readonly CommandDef[]; pageSize?: number; hint?: AskIntakeHint } = {}): Promise<IntakeBot> {
  const t = await createTestBot({
    ...(options.at ? { at: options.at } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.commands ? { commands: options.commands } : {}),
  });
  const now = () => t.clock.now.getTime();
  const fake = await startFakeWecom({ now });
  const api = new KfApi(new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: 0, now }));
  const build = () =>
    new KfIntake({ store: t.app.store, config: t.config, calendar: t.app.calendar, api, clock: () => t.clock.now, ...(options.pageSize ? { pageSize: options.pageSize } : {}), ...(options.hint ? { hint: options.hint } : {}) });
  let intake = build();
  let store = t.app.store;
  const customerPushes: { to: string; text: string }[] = [];
  const drainCustomer = () => {
    const keep = t.pushes.filter((p) => p.message.to.kind !== 'external');
    customerPushes.push(...t.pushes.filter((p) => p.message.to.kind === 'external'));
    t.pushes.splice(0, t.pushes.length, ...keep);
  };
  const bot = t as IntakeBot;
  bot.fake = fake;
  Object.defineProperty(bot, 'intake', {
    get() {
      // A restart opens a new store: the intake follows it, as main.ts would build it again.
      if (t.app.store !== store) {
        store = t.app.store;
        intake = build();
      }
      return intake;
    },
  });
  bot.customerSays = async (ext, text, opts = {}) => {
    const r = fake.kf.customerSays(KF, ext, text, opts);
    await bot.intake.onKfEvent({ token: r.token, openKfId: KF });
    await t.app.outbox.runOnce();
    return r.msgid;
  };
  bot.toCustomer = (ext) => {
    drainCustomer();
    return customerPushes.filter((p) => p.to === ext).map((p) => p.text);
  };
  bot.takeStaffPushes = () => {
    drainCustomer();
    return t.takePushes().map((p) => ({ to: p.to, text: p.text }));
  };
  const close = t.close.bind(t);
  bot.close = async () => {
    await close();
    await fake.close();
  };
  return bot;
}
