import { z } from 'zod';
import { type CommandContext, defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { utf8Bytes } from '../src/render/split.ts';
import { CUSTOMER_TEXT_LIMIT_BYTES } from '../src/intake/customer-service.ts';
import { replyText, replyToCustomer } from '../src/intake/deliver.ts';
import { staffRecipients } from '../src/intake/notices.ts';
import { loadTicket, sessionOf } from '../src/intake/tickets.ts';
import { roleFor } from '../src/intake/view.ts';
import { formatWhen } from '../src/intake/window.ts';
import { escapeChatLines } from '../src/render/escape.ts';

const USAGE = '回复 <诉求编号> <答复内容>（内容含冒号时写成 内容:"…"，或换行写在第二行起）';

type Args = { ref: string; text?: string | undefined };

/**
 * 回复: an answer to the enterprise through 微信客服, by 纾困中心 staff, the director, or a liaison
 * of the unit the ticket was routed to. It goes out only within the platform's rules (48 hours
 * after the enterprise's last message, 5 messages, a session the bot may serve); otherwise the
 * writer is told why at once and the answer waits in the ticket for the enterprise's next message.
 */
export default defineCommand({
  name: '回复',
  aliases: ['答复', '回复企业'],
  summary: '通过微信客服答复企业的诉求',
  usage: USAGE,
  examples: ['回复 Q12 您好，已联系执行法官，明天上午会与您电话沟通解封事宜。', '回复 Q12 内容:"您好：经核实，贵公司可申请分期缴纳。"'],
  audience: ['centerStaff', 'director', 'liaison'],
  takesBody: true,
  params: {
    ref: { label: '诉求', positional: true, hint: '诉求编号，如 Q12，后面接答复内容' },
    text: { label: '内容', aliases: ['答复'], hint: '答复内容（也可直接写在编号后面或换行写）' },
  },
  schema: z.object({ ref: z.string(), text: z.string().optional() }),
  run(ctx) {
    const { tx, person, config, now } = ctx;
    const id = ctx.args.ref.trim().split(/\s+/u)[0];
    const t = loadTicket(tx, id, USAGE);
    const role = roleFor(person, t);
    if (!role) throw new UserError(`${t.id} 不是转给贵单位办理的诉求，只有纾困中心和承办单位可以答复。`);
    if (t.state === '已办结') throw new UserError(`${t.id} 已经办结。企业再发消息会作为新的诉求受理。`);
    const text = replyBody(ctx);
    if (!text) throw new UserError(`请写答复内容。写法：${USAGE}`);
    const bytes = utf8Bytes(replyText(t.id, text));
    if (bytes > CUSTOMER_TEXT_LIMIT_BYTES) {
      throw new UserError(`答复太长（约${text.length}字）：微信客服一条消息最多约650个汉字，请精简，或分两次回复（每次计入平台的5条限额）。`);
    }
    const unitId = role === 'unit' ? person.unitId : undefined;
    const session = sessionOf(tx, t.openKfId, t.externalUserId);
    const { check } = replyToCustomer(tx, now, t, session, text, { personId: person.id, ...(unitId ? { unitId } : {}) });
    tx.put('tickets', t);
    if (check.ok) {
      const left = check.left - 1;
      ctx.reply(`已发给企业（${t.id}）。${left > 0 ? `企业再发消息前还可发${left}条，${formatWhen(check.closesAt)}前有效。` : '已用完平台的5条限额，企业再发消息后才能继续答复。'}`);
    } else {
      ctx.reply(`现在不能发给企业：${check.reason}。答复已保存在 ${t.id} 中，企业再次发消息时会自动发出；如需尽快联系，请用电话等其他方式。`);
    }
    if (role === 'unit') {
      const unit = config.unitById(unitId!)?.name ?? '';
      ctx.push(staffRecipients(config), `【诉求 ${t.id}】${unit}答复企业${check.ok ? '' : '（暂存，待企业再发消息时发出）'}：\n${escapeChatLines(text)}`);
    }
  },
});

/** `内容:"…"` / `答复：“…”` / `内容:不带空格的文字` in the line as typed. */
const RAW_TEXT_VALUE = /(?:内容|答复)\s*[:：=＝]\s*(?:(["“「'‘『])(.*?)["”」'’』]|(\S+))/u;

/**
 * The answer as typed: after the command word and the ticket id, plus the lines below (or 内容:).
 * Taken from the message itself so its punctuation and line breaks stay as written.
 */
function replyBody(ctx: CommandContext<Args>): string {
  const [first = '', ...rest] = ctx.message.text.split(/\r?\n/u);
  if (ctx.args.text) {
    // The parser folds full-width punctuation (：→:); the raw value keeps it as typed.
    const raw = RAW_TEXT_VALUE.exec(first);
    const value = raw ? (raw[2] ?? raw[3] ?? ctx.args.text) : ctx.args.text;
    return [value, ...ctx.body].join('\n').trim();
  }
  const afterId = first.trim().replace(/^\S+\s+\S+\s*/u, '');
  return [afterId, ...rest.map((l) => l.trim())].filter((l) => l.length > 0).join('\n').trim();
}
