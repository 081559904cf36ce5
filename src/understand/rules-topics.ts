/**
 * Messages that start something: list an enterprise, ask for a meeting, assign a task, record
 * cases, a tier, an outcome, the quarter's screening. Each reads its parts from the entities and
 * from the command's own vocabulary (trigger words per unit kind, outcome kinds, tiers).
 */
import { OUTCOME_KINDS } from '../domain/outcomes.ts';
import { TIERS } from '../domain/tiers.ts';
import { triggersFor } from '../domain/triggers.ts';
import type { Unit } from '../domain/types.ts';
import { type Entities, idOf } from './entities.ts';
import { after, field, has, leftover, line, type Speaker, unitNames } from './line.ts';
import { change, QUESTION, type Rule } from './rule.ts';

/** Enterprise-like names: a run of Chinese ending in a company or trade word. */
const COMPANY = /[\u4e00-\u9fa5A-Za-z0-9（）()]{2,30}?(?:有限责任公司|股份有限公司|有限公司|集团|公司|工厂|厂|机械|科技|商贸|实业|建材|纺织|化工|食品|物流|置业|地产|酒店|电子|制造|贸易|矿业|煤业|农业|医药)(?:有限责任公司|股份有限公司|有限公司|公司)?/u;
const LEAD_IN = /^(帮忙|帮我|麻烦|请|把|给|替|帮|我们|我|这边|单位|要|想|需要|登记|列入|纳入|预警|上报|报|一下|一家|家|企业|查|查查|看看|看一下|问一下|问问)+/u;

/** The enterprise the message is about: an id, a credit code, or a company-like name. */
export function enterpriseOf(e: Entities): string | undefined {
  return idOf(e, 'E') ?? e.uscc ?? companyName(e);
}

/** A company-like name in the text (not an id or a code). */
export function companyName(e: Entities): string | undefined {
  const unitWords = unitWordsIn(e);
  for (const clause of e.clauses) {
    const m = COMPANY.exec(unitWords.reduce((c, w) => c.replaceAll(w, ''), clause).replace(LEAD_IN, ''));
    if (m) return m[0].replace(LEAD_IN, '');
  }
  return undefined;
}

/** The names and aliases of the units the text names, longest first (to cut them out of it). */
function unitWordsIn(e: Entities): string[] {
  return e.units.flatMap((u) => [u.name, ...u.aliases]).sort((a, b) => b.length - a.length);
}

/** The trigger word the speaker's unit (or the unit they name) may raise, as found in the text. */
function triggerIn(e: Entities, unit: Unit | undefined): string | undefined {
  if (!unit) return undefined;
  const words = triggersFor(unit.kind).filter((t) => t.code !== 'other').flatMap((t) => [...t.aliases, t.label]);
  return words.sort((a, b) => b.length - a.length).find((w) => e.text.toUpperCase().includes(w.toUpperCase()));
}

const REGISTER = /登记|列入|纳入|预警|上报|报一家|名册里加|加到名册/u;

export const registerRule: Rule = (e, s) => {
  // A liaison speaks for their unit; the director names the unit they register for.
  const named = has(s, 'liaison') ? undefined : e.units[0];
  const unit = has(s, 'liaison') ? s.unit : named;
  const trigger = triggerIn(e, unit);
  if (!trigger || (!REGISTER.test(e.text) && !e.uscc) || QUESTION.test(e.text)) return undefined;
  // A new enterprise needs a name: a credit code alone is not one.
  const name = idOf(e, 'E') ?? companyName(e);
  if (!name) return undefined;
  const detail = detailOf(e, trigger, name);
  return change(line('登记', name, field('代码', e.uscc), field('情形', trigger), field('说明', detail), field('单位', named?.name)));
};

/** The clause that carries the trigger, when it says more than the trigger word itself. */
function detailOf(e: Entities, trigger: string, name: string): string | undefined {
  const clause = e.clauses.find((c) => c.toUpperCase().includes(trigger.toUpperCase()));
  if (!clause) return undefined;
  const unitWords = unitWordsIn(e);
  const said = [...Object.values(e.ids).flat(), e.uscc ?? name, name, ...unitWords]
    .reduce((c, w) => c.replaceAll(w, ''), clause)
    .replace(/(帮忙|麻烦)?(我们|这边|也)*(预警|登记|列入名册|列入|上报)(一下)?/gu, '')
    .replace(/^[\s这边我们也的]+/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return said.length > trigger.length ? said : undefined;
}

const MEETING = /开个?会|开一?个会|约个?会|会商|碰个?头|协调会|碰一下|坐下来谈|业务会/u;
const TOPIC = /(议题是|议题|主题是|关于|讨论|商量|研究)[:：]?/u;

export const requestMeetingRule: Rule = (e) => {
  if (!MEETING.test(e.text) || e.units.length === 0 || !e.when?.hasTime || QUESTION.test(e.text)) return undefined;
  const topic = after(e, TOPIC);
  if (!topic) return undefined;
  return change(line('申请会议', field('议题', topic), field('单位', unitNames(e.units)), field('企业', e.ids.E?.join(',')), field('时间', e.when.value)));
};

const ASSIGN = /牵头|交办|督办|负责/u;
const CO = /(协办|配合|协助)/u;

export const assignRule: Rule = (e, s) => {
  if (!has(s, 'director') || !ASSIGN.test(e.text) || e.units.length === 0 || !e.when || QUESTION.test(e.text)) return undefined;
  const coClause = e.clauses.find((c) => CO.test(c));
  const co = e.units.filter((u) => coClause?.includes(u.name) || u.aliases.some((a) => coClause?.includes(a)));
  const lead = e.units.find((u) => !co.includes(u))!;
  if (!lead) return undefined;
  const content = (after(e, /(牵头|负责)把?/u) ?? '');
  if (!content) return undefined;
  return change(line('交办', field('内容', content), field('牵头', lead.name), field('协办', unitNames(co)), field('期限', e.when.value.slice(0, 10).replace(/^(\d+个工作日).*/u, '$1'))));
};

export const casesRule: Rule = (e) => {
  const lit = /诉讼\s*(\d+)\s*[件起个]?/u.exec(e.text);
  const enf = /执行\s*(\d+)\s*[件起个]?/u.exec(e.text);
  const enterprise = enterpriseOf(e);
  if (!lit || !enf || !enterprise) return undefined;
  return change(line('案件', enterprise, `诉讼:${lit[1]}`, `执行:${enf[1]}`));
};

const TIER_WORD = new RegExp(`(${TIERS.map((t) => t.label).join('|')}|第?[123一二三]档|[保帮关]类|重点保护|重点帮扶|退出市场)`, 'u');
const TIER_OF: Record<string, string> = { 一: '1', 二: '2', 三: '3', 保: '1', 帮: '2', 关: '3', 重点保护: '1', 重点帮扶: '2', 退出市场: '3' };

export const tierRule: Rule = (e) => {
  const ref = enterpriseOf(e);
  const m = TIER_WORD.exec(e.text);
  if (!ref || !m || !/分档|定档|定为|定成|划为|划入|列为|归为|放到|分到/u.test(e.text)) return undefined;
  const word = m[1]!;
  const n = /[123]/u.exec(word)?.[0] ?? TIER_OF[Object.keys(TIER_OF).find((k) => word.includes(k))!];
  const reason = after(e, /(理由是|理由|因为|原因是)[:：]?/u, true) ?? leftover(e, [TIER_WORD, /分档|定档|定为|定成|划为|列为|归为/u]);
  return change(line('分档', ref, `档:${n}`, field('理由', reason)));
};

export const removeRule: Rule = (e, s) => {
  const ref = idOf(e, 'E') ?? e.uscc;
  const kind = OUTCOME_KINDS.filter((k) => k !== '移出').find((k) => e.text.includes(k)) ?? (/清算|出清/u.test(e.text) ? '清算出清' : undefined);
  if (!has(s, 'director') || !ref || !/移出|出库|销号|摘帽/u.test(e.text)) return undefined;
  return change(line('移出', ref, `结果:${kind ?? '移出'}`, kind ? undefined : field('理由', leftover(e, [/移出|出库|销号|摘帽/u]))));
};

export const restoreRule: Rule = (e) => {
  const ref = idOf(e, 'E');
  if (!ref || !/恢复|重新列入|撤销移出|移错了/u.test(e.text)) return undefined;
  return change(line('恢复', ref, field('理由', leftover(e, [/恢复|重新列入|撤销移出/u]) || undefined)));
};

export const screeningRule: Rule = (e, s: Speaker) => {
  if (!/排查/u.test(e.text) || QUESTION.test(e.text)) return undefined;
  if (/没有新增|无新增|没新增|没有发现|零新增|0家/u.test(e.text)) return change(line('排查', '无新增'));
  const added = /新增\s*(\d+|[一二两三四五六七八九十]+)\s*家/u.exec(e.text);
  if (!added) return undefined;
  const n = /\d/u.test(added[1]!) ? added[1]! : String('一二三四五六七八九十'.indexOf(added[1]!) + 1 || (added[1] === '两' ? 2 : 0));
  return change(line('排查', '完成', `新增:${n}`, field('说明', leftover(e, [/排查|新增/u]) || undefined), field('单位', has(s, 'liaison') ? undefined : e.units[0]?.name)));
};
