/**
 * Questions: each maps to the read command that answers it, run at once (a read changes
 * nothing). The words are the commands' own names and aliases and their filters' values.
 */
import { triggersFor } from '../domain/triggers.ts';
import { UNIT_KINDS } from '../domain/types.ts';
import { TIERS } from '../domain/tiers.ts';
import { enterpriseOf } from './rules-topics.ts';
import { field, line } from './line.ts';
import { QUESTION, read, type Reading, type Rule } from './rule.ts';

const ROSTER = /名册|名单|在册|困境企业|预警企业|多少家|哪些企业|几家|的企业|档企业/u;
/** Asking for a list, not about one enterprise. */
const LIST = /哪些|多少|几家|名单$/u;
const TIER = new RegExp(`(${TIERS.map((t) => t.label).join('|')})`, 'u');
const ALL_TRIGGER_WORDS = [...new Set(UNIT_KINDS.flatMap((k) => triggersFor(k)).flatMap((t) => t.aliases))].filter((w) => w.length >= 2 && w !== '其他').sort((a, b) => b.length - a.length);

function rosterRead(e: Parameters<Rule>[0]): Reading {
  const tier = TIER.exec(e.text)?.[1];
  const trigger = ALL_TRIGGER_WORDS.find((w) => e.text.includes(w));
  const scope = /观察/u.test(e.text) ? '观察' : /移出/u.test(e.text) ? '已移出' : undefined;
  return read(line('名册', field('档', tier ? String(TIERS.find((t) => t.label === tier)!.n) : undefined), field('单位', e.units[0]?.name), field('情形', trigger), field('范围', scope)));
}

/** Topics that have a read command, in the order they are tried. */
const TOPICS: readonly [RegExp, (e: Parameters<Rule>[0]) => Reading | undefined][] = [
  [/逾期.*任务|任务.*逾期|超期|过期/u, () => read('任务 逾期')],
  [/任务|督办/u, (e) => read(/全部|所有/u.test(e.text) ? '任务 全部' : '任务')],
  [/诉求|工单|企业反映/u, (e) => read(/全部|所有/u.test(e.text) ? '诉求 全部' : '诉求')],
  [/贷款|到期/u, () => read('贷款')],
  [/信用修复/u, () => read('信用修复')],
  [/成效|统计|战果/u, () => read('统计')],
  [/周报/u, () => read('简报 周报')],
  [/通报/u, () => read('简报 通报')],
  [/简报|日报/u, () => read('简报')],
  [/排查/u, () => read('排查')],
  [/议题/u, () => read('议题')],
  [/会议|几个会|哪些会|什么会/u, () => read('会议')],
  [/归谁管|谁负责|哪个单位管|谁来管|职责|分工/u, (e) => {
    const topic = /(.{2,8}?)(这事|这个事|的事|问题)?(归谁管|谁负责|哪个单位管|谁来管)/u.exec(e.text)?.[1]?.replace(/^(请问|那个|我想问)/u, '');
    return read(line('事项', topic));
  }],
  [ROSTER, rosterRead],
];

export const readRule: Rule = (e) => {
  const help = /怎么用|能做什么|能干什么|有什么功能|有哪些命令|怎么操作|不会用/u.test(e.text);
  if (help) return read('帮助');
  if (!QUESTION.test(e.text) && !/^(我的|我们的)?(任务|诉求|名册|名单|贷款|简报|周报|日报|会议|议题)$/u.test(e.text)) return undefined;
  const enterprise = enterpriseOf(e);
  if (enterprise && !LIST.test(e.text)) return read(line('企业', enterprise));
  for (const [words, answer] of TOPICS) if (words.test(e.text)) return answer(e);
  return undefined;
};
