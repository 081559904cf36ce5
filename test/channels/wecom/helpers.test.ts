import { describe, expect, it } from 'vitest';
import { raceBudget } from '../../../src/channels/wecom/budget.ts';
import { DeliveredParts } from '../../../src/channels/wecom/delivered-parts.ts';
import { planPassiveText } from '../../../src/channels/wecom/passive-split.ts';
import { RollingWindowLimiter } from '../../../src/channels/wecom/rate-limit.ts';
import { lateAibotBody, planAibotReply } from '../../../src/channels/wecom/aibot-reply.ts';

describe('RollingWindowLimiter', () => {
  it('frees slots as they leave the window', () => {
    let now = 0;
    const l = new RollingWindowLimiter(2, 1000, () => now);
    expect(l.tryTake('a')).toBe(true);
    now = 400;
    expect(l.tryTake('a')).toBe(true);
    expect(l.tryTake('a')).toBe(false);
    expect(l.tryTake('b')).toBe(true);
    expect(l.waitMs('a')).toBe(600);
    now = 1001;
    expect(l.waitMs('a')).toBe(0);
    expect(l.tryTake('a')).toBe(true);
    expect(l.tryTake('a')).toBe(false);
  });
});

describe('DeliveredParts', () => {
  it('forgets the oldest entries beyond its capacity', () => {
    const d = new DeliveredParts(2);
    d.add('k', 0);
    d.add('k', 1);
    d.add('k', 2);
    expect(d.has('k', 0)).toBe(false);
    expect(d.has('k', 2)).toBe(true);
  });
});

describe('raceBudget', () => {
  it('reports in-time values, late promises and in-time failures', async () => {
    expect(await raceBudget(Promise.resolve(1), 50)).toEqual({ inTime: true, value: 1 });
    const slow = new Promise<number>((r) => setTimeout(() => r(2), 80));
    const raced = await raceBudget(slow, 10);
    expect(raced.inTime).toBe(false);
    if (!raced.inTime) expect(await raced.late).toBe(2);
    await expect(raceBudget(Promise.reject(new Error('x')), 50)).rejects.toThrow('x');
  });
});

describe('passive reply planning', () => {
  it('a card first means everything is pushed, in order', () => {
    const card = { cardId: 'c', title: 't', description: 'd', buttons: [] };
    const replies = [{ text: 'a', card }, { text: 'b' }];
    expect(planPassiveText(replies)).toEqual({ late: replies });
  });

  it('the aibot stream carries a card with stream_with_template_card', () => {
    const card = { cardId: 'c1', title: '会议 M7', description: '请确认', buttons: [{ key: 'ok', text: '接受', command: '会议 M7 接受' }] };
    const plan = planAibotReply([{ text: '已申请会议 M7', card }], 's1');
    expect(plan.passive).toMatchObject({ msgtype: 'stream_with_template_card', stream: { id: 's1', finish: true, content: '已申请会议 M7' }, template_card: { task_id: 'c1' } });
    expect(plan.late).toBeUndefined();
    expect(lateAibotBody([{ text: '', card }])).toMatchObject({ msgtype: 'template_card' });
    expect(lateAibotBody([])).toBeUndefined();
  });
});
