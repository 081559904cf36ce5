import type { App } from '../../../src/app.ts';
import type { InboundMessage } from '../../../src/domain/types.ts';
import { enterpriseNameFor, usccFor } from './uscc.ts';

let counter = 0;

/** A console message from a configured person (their console handle), as the channels build it. */
export function consoleMessage(app: App, personId: string, text: string, messageId = `seed-${process.pid}-${++counter}`): InboundMessage {
  const person = app.config.personById(personId);
  if (!person) throw new Error(`seed: unknown person ${personId}`);
  const senderId = person.ids.console ?? person.id;
  return { channel: 'console', messageId, chatKind: 'single', chatId: senderId, senderId, text, receivedAt: new Date() };
}

/**
 * Lists `count` enterprises through the real 登记 command, as the tax liaison, `parallel` at a time
 * (so the journal's group commit is used as it is in production). Enterprise n gets E<n> when the
 * store was empty.
 */
export async function seedEnterprises(app: App, count: number, parallel = 50): Promise<void> {
  for (let start = 1; start <= count; start += parallel) {
    const batch: Promise<unknown>[] = [];
    for (let n = start; n < start + parallel && n <= count; n++) {
      const text = `登记 ${enterpriseNameFor(n)} 代码:${usccFor(n)} 情形:欠税 说明:"欠缴增值税${n % 12 + 1}个月"`;
      batch.push(app.bot.handle(consoleMessage(app, 'tax-liaison', text)));
    }
    // Transactions start in call order, so on an empty store enterprise n gets the id E<n>.
    await Promise.all(batch);
  }
}
