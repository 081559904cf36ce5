import { afterEach, describe, expect, it } from 'vitest';
import { RATE_LIMITED_ANSWER } from '../../src/core/sender-rate.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const register = (n: number) => `登记 某某${'一二三四五六'[n]}号机械有限公司 情形:欠薪`;

describe('per-sender rate limit on changing commands', () => {
  it('answers politely past the limit, changes nothing, and lets reads and other senders through', async () => {
    t = await createTestBot({ rateLimit: { max: 3, windowMs: 1000 } });
    for (let i = 0; i < 3; i++) expect(await t.say('区人社局联络员', 'single', register(i))).toMatch(/^已列入名册/);
    expect(await t.say('区人社局联络员', 'single', register(3))).toBe(RATE_LIMITED_ANSWER);
    expect(t.app.store.count('enterprises')).toBe(3);
    expect(await t.say('区人社局联络员', 'single', '名册')).not.toBe(RATE_LIMITED_ANSWER);
    expect(await t.say('区税务局联络员', 'single', register(4).replace('欠薪', '欠税'))).toMatch(/^已列入名册/);

    t.clock.advanceMs(1000);
    expect(await t.say('区人社局联络员', 'single', register(3))).toMatch(/^已列入名册/);
    expect(t.app.store.count('enterprises')).toBe(5);
  });
});
