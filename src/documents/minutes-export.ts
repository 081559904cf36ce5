/**
 * 纪要 M7 文档 / 导出 纪要 M7: the 纪要 as a Word file, for the office (director, conveners,
 * admins) and for the person who asked for the meeting — the liaison who has to file it.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { loadMeeting, meetingName } from '../meetings/records.ts';
import { deliverProduced } from './send-file.ts';

const OFFICE_ROLES = ['director', 'convener', 'admin'] as const;

export function isOffice(ctx: Pick<CommandContext<unknown>, 'person'>): boolean {
  return OFFICE_ROLES.some((r) => ctx.person.roles.includes(r));
}

export async function exportMinutes(ctx: CommandContext<unknown>, ref: string): Promise<void> {
  const m = loadMeeting(ctx.tx, ref, '纪要 M7 文档');
  if (!isOffice(ctx) && m.requesterId !== ctx.person.id) {
    throw new UserError(`${meetingName(m)}的纪要文档由办公室主任、召集人或会议发起人导出；查看纪要内容请发“纪要 ${m.id}”。`);
  }
  // Loaded on first use: the Word writer (docx) is not needed to start the service.
  const { produceMinutes } = await import('./produce.ts');
  deliverProduced(ctx, await produceMinutes(ctx, m.id));
}
