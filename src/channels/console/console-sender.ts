import type { Writable } from 'node:stream';
import type { OutboundMessage } from '../../domain/types.ts';
import type { ChannelSender, SendTarget } from '../../outbox/sender.ts';
import { formatCard } from './format.ts';

/**
 * The local channel's outbound side: prints every message the bot would send — recipient and
 * full text — so the bot can be run and scripted with no platform account. In local mode it
 * takes everyone (people and groups need no console id to be shown).
 */
export class ConsoleSender implements ChannelSender {
  readonly family = 'console' as const;

  constructor(private readonly out: Writable = process.stdout) {}

  async send(msg: OutboundMessage, target: SendTarget): Promise<void> {
    const who =
      target.kind === 'person' ? `${target.person.name}（单聊）` : target.kind === 'group' ? `${target.group.name}（群）` : `微信客户 ${target.externalUserId}`;
    const mentions = msg.mentions?.length ? `\n  @${msg.mentions.join(' @')}` : '';
    const card = msg.card ? `\n${formatCard(msg.card)}` : '';
    // No platform to carry a file: say where it was written, so it can be opened from there.
    const file = msg.file ? `\n  📎 文件《${msg.file.name}》已写入：${msg.file.path}` : '';
    this.out.write(`\n📨 发给 ${who}：\n${indent(msg.text)}${mentions}${card}${file}\n`);
  }
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
