/**
 * The enterprise file's sections for tiers, outcomes, loans and credit repairs. Imported once by
 * commands/index.ts for its side effect (addFileSection).
 *
 * The file renders these as pre-rendered text, so every value a person typed is escaped here.
 * Sections show dates, not "N days left": a file section has no clock of its own, and 贷款 / 信用修复
 * give the live view.
 */
import { formatOfficialDate } from '../domain/dates.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { formatWan } from '../domain/money.ts';
import { formatFigures } from '../domain/outcome-figures.ts';
import { repairDays } from '../domain/credit-repair.ts';
import { tierDisplay, tierOf } from '../domain/tiers.ts';
import { escapeChatText as esc } from '../render/escape.ts';
import { creditRepairsOf } from './credit-repairs.ts';
import { addFileSection } from './enterprise-extras.ts';
import { loansOf } from './loans.ts';
import { outcomesOf } from './outcomes.ts';

const day = (isoOrDay: string) => formatOfficialDate(isoOrDay.length === 10 ? isoOrDay : toShanghaiDate(new Date(isoOrDay)));

addFileSection((_r, e) => {
  if (e.tierHistory.length === 0) return undefined;
  const last = e.tierHistory.slice(-3).reverse();
  const lines = last.map((t) => `· ${day(t.at)} ${tierDisplay(tierOf(t.tier))}：${esc(t.reason)}${t.measures ? `；一企一策：${esc(t.measures)}` : ''}`);
  return `分档记录（最近${last.length}次，共${e.tierHistory.length}次）：\n${lines.join('\n')}`;
});

addFileSection((reader, e) => {
  const list = outcomesOf(reader, e.id).slice(-3);
  if (list.length === 0) return undefined;
  const lines = list.map((o) => {
    const figures = formatFigures(o.figures);
    return `· ${day(o.at)} ${o.kind}${o.reason ? `（${esc(o.reason)}）` : ''}${figures ? `：${figures}` : ''}${o.revokedAt ? `〔${day(o.revokedAt)}已恢复，不计入统计〕` : ''}`;
  });
  return `移出结果与成效：\n${lines.join('\n')}`;
});

addFileSection((reader, e, config) => {
  const loans = loansOf(reader, e.id);
  if (loans.length === 0) return undefined;
  const open = loans.filter((l) => l.state === 'open');
  const closed = loans.length - open.length;
  const lines = open.map((l) => `· ${l.id} ${esc(l.bank)} ${formatWan(l.amountWan)}，${day(l.dueDate)}到期（${config.unitById(l.unitId)?.name ?? l.unitId}报送）`);
  return `贷款到期台账（未结清${open.length}笔${closed ? `，已还或续贷${closed}笔` : ''}）：${lines.length ? `\n${lines.join('\n')}` : ''}`;
});

addFileSection((reader, e) => {
  const list = creditRepairsOf(reader, e.id);
  if (list.length === 0) return undefined;
  const lines = list.map((c) => {
    const status = c.certificateDate ? `${day(c.certificateDate)}出证（用时${repairDays(c.requestDate, c.certificateDate)}天）` : '待出证';
    return `· ${c.id} ${c.ruling}（裁定${day(c.rulingDate)}），${day(c.requestDate)}申请，${status}`;
  });
  return `信用修复：\n${lines.join('\n')}`;
});
