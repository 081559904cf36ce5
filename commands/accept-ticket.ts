import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { parseTicketCategory } from '../src/domain/ticket-category.ts';
import { loadTicket, step } from '../src/intake/tickets.ts';
import { ticketDetail } from '../src/intake/view.ts';

const USAGE = '受理 <诉求编号> [类别:<账户冻结|设备查封|欠薪纠纷|信用修复|融资|其他>]';

/** 受理: the center takes a request up and confirms its category (the suggestion, or another). */
export default defineCommand({
  name: '受理',
  aliases: ['确认类别'],
  summary: '受理企业诉求，确认或更改诉求类别',
  usage: USAGE,
  examples: ['受理 Q12', '受理 Q12 类别:账户冻结'],
  audience: ['centerStaff', 'director'],
  params: {
    ref: { label: '诉求', positional: true, hint: '诉求编号，如 Q12' },
    category: { label: '类别', aliases: ['分类'], hint: '账户冻结、设备查封、欠薪纠纷、信用修复、融资 或 其他' },
  },
  schema: z.object({ ref: z.string(), category: z.string().optional() }),
  run(ctx) {
    const { tx, person, now, args } = ctx;
    const t = loadTicket(tx, args.ref, USAGE);
    if (t.state === '已办结') throw new UserError(`${t.id} 已经办结。`);
    let category = t.category ?? t.suggestedCategory;
    if (args.category) {
      const parsed = parseTicketCategory(args.category);
      if (!parsed.ok) throw new UserError(`${parsed.reason}写法：${USAGE}`);
      category = parsed.category;
    }
    const at = now.toISOString();
    const firstTime = !t.acceptedAt;
    if (!firstTime && t.category === category) throw new UserError(`${t.id} 已受理，类别为“${category}”。要改类别请写 受理 ${t.id} 类别:<类别>。`);
    t.category = category;
    if (firstTime) {
      t.acceptedAt = at;
      t.acceptedBy = person.id;
    }
    if (t.state === '待受理') t.state = '处理中';
    step(t, at, person.id, firstTime ? `${person.name}受理，类别：${category}` : `${person.name}将类别改为：${category}`);
    tx.put('tickets', t);
    ctx.reply(ticketDetail(tx, ctx.config, t, now, firstTime ? `已受理 ${t.id}，类别：${category}。` : `${t.id} 的类别已改为：${category}。`));
  },
});
