/**
 * Messages about one numbered thing: a task (T31), a meeting (M7), an enterprise request (Q12),
 * a loan (L3). The verb decides the command; without one a question reads the thing.
 */
import { TICKET_CATEGORIES } from '../domain/ticket-category.ts';
import { type Entities, idOf } from './entities.ts';
import { after, field, has, leftover, line } from './line.ts';
import { change, QUESTION, read, type Rule } from './rule.ts';

const EXTEND = /延期|推迟|延后|延长|延到|延至|宽限|往后推/u;
const AGREE = /同意|批准|可以延/u;
const DISAGREE = /不同意|不批准|不能延|不予/u;
const RETURN = /退回|打回|重办|重新办|不合格|不符合要求/u;
const CLOSE_TASK = /办结|审核通过|验收通过|可以结|结了吧|销号/u;
const DONE = /办完|办好|完成|做完|搞定|落实了|已解除|解除了|已经解除|已办理|办理完毕|办毕/u;

export const taskRule: Rule = (e, s) => {
  const t = idOf(e, 'T');
  if (!t) return undefined;
  if (EXTEND.test(e.text)) {
    if (has(s, 'director') && DISAGREE.test(e.text)) return change(line('延期', t, '不同意', field('理由', leftover(e, [EXTEND, DISAGREE]))));
    if (has(s, 'director') && AGREE.test(e.text)) return change(line('延期', t, '同意'));
    if (!e.when) return undefined;
    return change(line('延期', t, field('至', e.when.value), field('理由', leftover(e, [EXTEND, /\d+月|\d{4}|工作日|月底|年底|下周|周[一二三四五六日]/u]))));
  }
  if (RETURN.test(e.text)) return change(line('退回', t, field('理由', leftover(e, [RETURN]) || undefined)));
  if (has(s, 'director') && CLOSE_TASK.test(e.text)) return change(line('办结', t));
  if (DONE.test(e.text) && !QUESTION.test(e.text)) return change(line('完成', t, field('说明', leftover(e, [/^(已经?|都)?(办完|办好|完成|做完|搞定)了?$/u]) || e.clauses.join('，').replace(t, '').trim())));
  return askedAbout(e, t) ? read(line('任务', t)) : undefined;
};

const DECLINE = /不参加|参加不了|去不了|来不了|到不了|没法参加|无法参加|拒绝|不能参加|没时间/u;
const MOVE = /改期|改到|改在|换个时间|调到|调整到|挪到|推到|延到/u;
const ACCEPT = /参加|接受|能来|会去|出席|到会|没问题|可以/u;
const ESCALATE = /升级|提请|提交专题|提交联席|上会|解决不了|协调不了|解决不下来|报联席/u;
const PARK = /暂缓|先放|放一放|搁置|缓一缓|缓缓|先不议|等.*再议/u;
const RESUME = /恢复|重新提交|重新议|可以继续/u;
const SOLVED = /已解决|解决了|谈妥|达成一致/u;
const UNSOLVED = /未解决|没解决|没有解决|没谈妥/u;

export const meetingRule: Rule = (e) => {
  const m = idOf(e, 'M');
  if (!m) return undefined;
  if (ESCALATE.test(e.text)) return change(line('升级', m, field('理由', leftover(e, [ESCALATE]) || undefined)));
  if (PARK.test(e.text)) return change(line('暂缓', m, field('理由', leftover(e, [/暂缓|先放|放一放|搁置|缓一缓|缓缓|先不议/u])), field('至', e.when?.value.slice(0, 10))));
  if (RESUME.test(e.text)) return change(line('恢复', m, field('理由', leftover(e, [RESUME]) || undefined)));
  if (UNSOLVED.test(e.text)) return change(line('会议', m, '结果:未解决', field('说明', leftover(e, [UNSOLVED]) || undefined)));
  if (SOLVED.test(e.text)) return change(line('会议', m, '结果:已解决', field('说明', leftover(e, [SOLVED]) || undefined)));
  if (DECLINE.test(e.text)) return change(line('会议', m, '拒绝', field('理由', leftover(e, [DECLINE]) || undefined)));
  if (MOVE.test(e.text) && e.when?.hasTime) return change(line('会议', m, '改期', field('时间', e.when.value)));
  if (ACCEPT.test(e.text) && !QUESTION.test(e.text)) return change(line('会议', m, '接受'));
  return askedAbout(e, m) ? read(line('会议', m)) : undefined;
};

const TRANSFER = /转办|转给|转交|交给|转到|转.{0,4}(处理|办理)/u;
const ACCEPT_TICKET = /受理|接了|接下/u;
const LINK = /关联|就是|对应|是名册里的|属于/u;
const ANSWER = /回复|答复|告诉企业|跟企业说|回企业/u;
const CLOSE_TICKET = /办结|办完|处理完|解决了|已解决|结案/u;

export const ticketRule: Rule = (e) => {
  const q = idOf(e, 'Q');
  if (!q) return undefined;
  if (TRANSFER.test(e.text) && e.units.length > 0) return change(line('转办', q, field('单位', e.units[0]!.name), field('说明', leftover(e, [TRANSFER]) || undefined)));
  const enterprise = idOf(e, 'E') ?? e.uscc;
  if (enterprise && LINK.test(e.text)) return change(line('关联', q, field('企业', enterprise)));
  if (ANSWER.test(e.text)) {
    const text = after(e, /(回复|答复)(企业|一下|他们)?\s*(Q\d+)?\s*[:：]?/iu, true) ?? leftover(e, [ANSWER]);
    return text ? change(line('回复', q, field('内容', text))) : undefined;
  }
  if (ACCEPT_TICKET.test(e.text)) return change(line('受理', q, field('类别', TICKET_CATEGORIES.find((c) => c !== '其他' && e.text.includes(c)))));
  if (CLOSE_TICKET.test(e.text)) return change(line('办结', q));
  return askedAbout(e, q) ? read(line('诉求', q)) : undefined;
};

const REPAID = /已还|还了|还清|结清|归还/u;
const RENEWED = /续贷|续上|转贷/u;

export const loanRule: Rule = (e) => {
  const l = idOf(e, 'L');
  if (!l) return undefined;
  if (RENEWED.test(e.text)) return change(line('贷款', l, '已续贷', field('新到期', e.when?.value.slice(0, 10))));
  if (REPAID.test(e.text)) return change(line('贷款', l, '已还'));
  return undefined;
};

export const certificateRule: Rule = (e) => {
  const c = idOf(e, 'C');
  if (!c || !/出证|出具|证明|开了/u.test(e.text) || !e.when) return undefined;
  return change(line('信用修复', c, field('出证', e.when.value.slice(0, 10))));
};

/** A question about the thing, or its id alone: answered by reading it. */
function askedAbout(e: Entities, id: string): boolean {
  return QUESTION.test(e.text) || e.text.toUpperCase() === id;
}
