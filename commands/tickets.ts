import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { refreshLink } from '../src/intake/link.ts';
import { TICKET_ID, byNumber, loadTicket } from '../src/intake/tickets.ts';
import { roleFor, ticketDetail, ticketList, ticketsVisibleTo } from '../src/intake/view.ts';

const USAGE = '诉求 [诉求编号｜全部]';

/**
 * 诉求: the enterprise requests from WeChat (微信客服). 纾困中心 staff and the director see them
 * all; a liaison sees those routed to their unit (转办). Showing one also re-checks the roster
 * link: an enterprise listed since (登记 … 代码:…) is linked now.
 */
export default defineCommand({
  name: '诉求',
  aliases: ['企业诉求', '工单'],
  summary: '查看企业通过微信客服提交的诉求：未办结的列表，或一件的详情',
  usage: USAGE,
  examples: ['诉求', '诉求 Q12', '诉求 全部'],
  audience: ['centerStaff', 'director', 'liaison'],
  params: { ref: { label: '诉求', positional: true, hint: '诉求编号，如 Q12；或“全部”（含已办结的最近20件）' } },
  schema: z.object({ ref: z.string().optional() }),
  run(ctx) {
    const { tx, person, config, calendar, now, args } = ctx;
    const ref = args.ref?.trim();
    if (ref && TICKET_ID.test(ref)) {
      const t = loadTicket(tx, ref, USAGE);
      const role = roleFor(person, t);
      if (!role) throw new UserError(`${t.id} 不是转给贵单位办理的诉求。`);
      if (role === 'staff' && refreshLink(tx, t)) tx.put('tickets', t);
      ctx.reply(ticketDetail(tx, config, t, now));
      return;
    }
    if (ref && ref !== '全部') throw new UserError(`请写诉求编号（如 Q12）或“全部”。写法：${USAGE}`);
    const isStaff = person.roles.includes('centerStaff') || person.roles.includes('director');
    const all = ticketsVisibleTo(tx, person);
    const shown = ref === '全部' ? all.slice(-20) : all.filter((t) => t.state !== '已办结');
    if (shown.length === 0) {
      ctx.reply(isStaff ? '目前没有未办结的企业诉求。' : '目前没有转给贵单位办理的企业诉求。');
      return;
    }
    const title = ref === '全部' ? '最近的企业诉求' : isStaff ? '未办结的企业诉求' : '转给贵单位的企业诉求';
    ctx.reply(ticketList(tx, config, calendar, shown, now, title));
  },
});
