/**
 * 办结 Q12: the center closes a ticket. The `办结` command (commands/close-task.ts, owned by the
 * tasks feature) dispatches Q-ids here. The enterprise is told when the platform allows it; the
 * assigned unit is told; a later message from the enterprise opens a new ticket.
 */
import { z } from 'zod';
import { type CommandContext, defineCommand } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { sendToCustomer } from './deliver.ts';
import { closingText } from './customer-texts.ts';
import { unitRecipients } from './notices.ts';
import { loadTicket, sessionOf, step } from './tickets.ts';
import { ticketDetail } from './view.ts';

const USAGE = '办结 <诉求编号>';

export function closeTicket(ctx: CommandContext<unknown>, ticketId: string): void {
  const { person, tx, config } = ctx;
  if (!person.roles.includes('centerStaff') && !person.roles.includes('director')) {
    throw new UserError('诉求由纾困中心工作人员或办公室主任办结；承办单位答复后请告知纾困中心。');
  }
  const t = loadTicket(tx, ticketId, USAGE);
  if (t.state === '已办结') throw new UserError(`${t.id} 已经办结。企业再发消息会作为新的诉求受理。`);
  const at = ctx.now.toISOString();
  t.state = '已办结';
  t.closedAt = at;
  t.closedBy = person.id;
  step(t, at, person.id, `${person.name}办结`);

  const session = sessionOf(tx, t.openKfId, t.externalUserId);
  const told = sendToCustomer(tx, ctx.now, session, closingText(t), `ticket:${t.id}:closed`);
  tx.put('tickets', t);
  if (t.assignedUnitId) {
    ctx.push(unitRecipients(config, t.assignedUnitId).filter((r) => r.kind !== 'person' || r.personId !== person.id), `【诉求办结】${t.id} 已由纾困中心办结，感谢协同办理。`);
  }
  const unanswered = t.firstAnswerAt ? '' : '\n注意：该诉求没有答复过企业。';
  const customer = told.ok ? '已告知企业。' : `未能告知企业（${told.reason}）。`;
  ctx.reply(ticketDetail(tx, config, t, ctx.now, `${t.id} 已办结，${customer}${unanswered}`));
}

/**
 * `办结 Q12` as a command definition, for the lead to route Q-ids of the shared word 办结 here
 * (src/core/shared-word.ts): shareWord(closeTask, [{ match: /^[Qq]\d+$/u, def: closeTicketCommand, … }]).
 */
export const closeTicketCommand = defineCommand({
  name: '办结',
  summary: '办结企业诉求（纾困中心）',
  usage: USAGE,
  examples: ['办结 Q12'],
  audience: ['centerStaff', 'director'],
  params: { ref: { label: '诉求', positional: true, hint: '诉求编号，如 Q12' } },
  schema: z.object({ ref: z.string() }),
  run(ctx) {
    closeTicket(ctx, ctx.args.ref);
  },
});
