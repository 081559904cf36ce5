import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { mondayOf, parseQuarterId, previousQuarter, quarterContaining } from '../src/domain/periods.ts';
import { buildDailyDigest, DAILY_DIGEST_SETTING, type DailyDigestState } from '../src/scheduler/digest/daily.ts';
import { buildSupervisionReport } from '../src/scheduler/digest/supervision.ts';
import { buildWeeklyDigest, WEEKLY_SEQ_SETTING } from '../src/scheduler/digest/weekly.ts';

const USAGE = '简报 ｜ 简报 周报 ｜ 简报 通报 [季度，如 2026Q4]';

/**
 * 简报: the director's digests on demand — today's picture (the daily digest, whether or not
 * anything changed), the weekly figures, or a quarter's 督办通报 in full (the pushed one is
 * shortened to fit one message). Reading changes nothing.
 */
export default defineCommand({
  name: '简报',
  aliases: ['日报', '每日简报'],
  summary: '（办公室）查看每日简报、周报或季度督办通报全文',
  usage: USAGE,
  examples: ['简报', '简报 周报', '简报 通报 2026Q4'],
  audience: ['director', 'convener', 'admin'],
  params: {
    kind: { label: '类型', positional: true, hint: '不写为每日简报；周报；通报 2026Q4' },
  },
  schema: z.object({ kind: z.string().trim().optional() }),
  run(ctx) {
    const [kind = '', arg] = (ctx.args.kind ?? '').split(/\s+/u);
    const { tx, today } = ctx;
    if (kind === '' || kind === '日报' || kind === '每日简报') {
      const previous = tx.get('settings', DAILY_DIGEST_SETTING)?.value as DailyDigestState | undefined;
      ctx.reply(buildDailyDigest(ctx, previous).text);
      return;
    }
    if (kind === '周报') {
      const seq = (tx.get('settings', `${WEEKLY_SEQ_SETTING}:${today.slice(0, 4)}`)?.value as number | undefined) ?? 0;
      ctx.reply(buildWeeklyDigest(ctx, mondayOf(today), Math.max(seq, 1)) ?? '还没有可以汇总的数据（名册、督办事项、会议、贷款台账都是空的）。');
      return;
    }
    if (kind === '通报' || kind === '督办通报') {
      const q = arg ? parseQuarterId(arg) : previousQuarter(quarterContaining(today));
      if (!q) throw new UserError(`季度写成 2026Q4 这样的形式，您写的是“${arg}”。`);
      if (q.start > today) throw new UserError(`${q.label}还没有开始。`);
      ctx.reply(buildSupervisionReport(ctx, q, 'full'));
      return;
    }
    throw new UserError(`看不懂“${kind}”。写法：${USAGE}`);
  },
});
