/**
 * Sending a produced file to the person who asked for it. The file goes to their single chat as a
 * file message (WeCom media upload, DingTalk file; the console prints where it is), through the
 * outbox in the command's transaction, under a key derived from the asking message: a retry of
 * that message cannot send it twice. A spreadsheet of the roster never goes into a group.
 */
import type { CommandContext } from '../core/command.ts';
import { familyOf } from '../domain/types.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { type WrittenFile, writeExport } from './files.ts';

type Ctx = Pick<CommandContext<unknown>, 'tx' | 'now' | 'person' | 'message'>;

export function sendFileToAsker(ctx: Ctx, file: WrittenFile, text: string, n = 0): void {
  enqueue(ctx.tx, ctx.now, {
    to: { kind: 'person', personId: ctx.person.id },
    text,
    file: { name: file.name, path: file.path },
    idempotencyKey: `${ctx.message.channel}:${ctx.message.messageId}#file#${n}`,
    via: familyOf(ctx.message.channel),
  });
}

/** The chat answer that goes with it. */
export function fileSentLine(ctx: Pick<CommandContext<unknown>, 'chat'>, file: WrittenFile): string {
  return `文件《${file.name}》${ctx.chat.kind === 'group' ? '已单独发到您与我的单聊' : '随后发给您'}。`;
}

/** Writes a produced document under DATA_DIR/exports/ and sends it to the asker, with the chat answer. */
export function deliverProduced(
  ctx: Ctx & Pick<CommandContext<unknown>, 'dataDir' | 'chat' | 'reply'>,
  produced: { name: string; bytes: Uint8Array; summary: string },
  extra = '',
): WrittenFile {
  const file = writeExport(ctx.dataDir, produced.name, produced.bytes);
  sendFileToAsker(ctx, file, produced.summary);
  ctx.reply(`已生成${produced.summary}。${fileSentLine(ctx, file)}${extra}`);
  return file;
}
