import { createTestBot, type TestBot } from './transcript.ts';

/** The credit code of the enterprise most command tests start from. */
export const LISTED_CODE = '91440300192317458F';

/** A bot at the demo clock with one enterprise (E1) listed by the tax liaison for 欠税; pushes so far taken. */
export async function botWithListedEnterprise(): Promise<TestBot> {
  const bot = await createTestBot();
  await bot.say('区税务局联络员', 'single', `登记 某某机械有限公司 代码:${LISTED_CODE} 情形:欠税`);
  bot.takePushes();
  return bot;
}
