import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { loadTicket, step } from '../src/intake/tickets.ts';
import { ticketDetail } from '../src/intake/view.ts';
import { displayName, findEnterprise } from '../src/store/enterprises.ts';

const USAGE = '关联 <诉求编号> 企业:<企业编号|名称|信用代码>';

/**
 * 关联: staff link a ticket to an enterprise on the roster when the enterprise's words did not
 * (a short name, a typo in the code). The link is internal; the enterprise is not told.
 */
export default defineCommand({
  name: '关联',
  aliases: ['关联企业'],
  summary: '把企业诉求关联到名册中的企业',
  usage: USAGE,
  examples: ['关联 Q12 企业:E3', '关联 Q12 企业:91440300192317458F'],
  audience: ['centerStaff', 'director'],
  params: {
    ref: { label: '诉求', positional: true, hint: '诉求编号，如 Q12' },
    enterprise: { label: '企业', hint: '企业编号（如 E12）、名称或信用代码' },
  },
  schema: z.object({ ref: z.string(), enterprise: z.string() }),
  run(ctx) {
    const { tx, person, config, now, args } = ctx;
    const t = loadTicket(tx, args.ref, USAGE);
    const e = findEnterprise(tx, args.enterprise);
    if (t.enterpriseId === e.id) throw new UserError(`${t.id} 已关联 ${displayName(e)}。`);
    const before = t.enterpriseId;
    t.enterpriseId = e.id;
    delete t.claimedUscc;
    step(t, now.toISOString(), person.id, `${person.name}关联企业 ${displayName(e)}${before ? `（原为 ${before}）` : ''}`);
    tx.put('tickets', t);
    ctx.reply(ticketDetail(tx, config, t, now, `已将 ${t.id} 关联到 ${displayName(e)}。`));
  },
});
