import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { countField } from '../src/core/zod-fields.ts';
import { tierOf } from '../src/domain/tiers.ts';
import { render } from '../src/render/templates.ts';
import { queryRoster, ROSTER_SCOPES, rosterUnits } from '../src/roster/query.ts';

const PAGE = 30;

/** 名册: the dynamic roster of distressed enterprises, filtered by tier, unit or trigger. */
export default defineCommand({
  name: '名册',
  aliases: ['名单', '清单'],
  summary: '查看困境企业名册，可按分档、单位、情形筛选',
  usage: '名册 [档:1|2|3|未分档] [单位:<单位>] [情形:<预警情形>] [范围:在册|观察|已移出] [页:<n>]',
  examples: ['名册', '名册 档:2', '名册 单位:税务局', '名册 情形:欠薪', '名册 范围:观察'],
  audience: ['liaison', 'director', 'convener', 'centerStaff', 'admin'],
  params: {
    tier: { label: '档', aliases: ['分档', '类'], hint: '1、2、3（或 保、帮、关），或 未分档' },
    unit: { label: '单位', hint: '预警单位，如 税务局' },
    trigger: { label: '情形', hint: '预警情形，如 欠薪' },
    scope: { label: '范围', hint: '在册（默认）、观察（无预警信号的观察名单）、已移出' },
    page: { label: '页', hint: '页码' },
  },
  schema: z.object({
    tier: z.string().optional(),
    unit: z.string().optional(),
    trigger: z.string().optional(),
    scope: z.enum(ROSTER_SCOPES).optional(),
    page: countField.optional(),
  }),
  run(ctx) {
    const { args, config } = ctx;
    const { title, filters, rows } = queryRoster(ctx.tx, config, args);
    const page = Math.max(1, args.page ?? 1);
    const slice = rows.slice((page - 1) * PAGE, page * PAGE);
    if (rows.length === 0) {
      ctx.reply(`没有符合条件的企业${filters.length ? `（${filters.join('，')}）` : ''}。`);
      return;
    }
    const pages = Math.ceil(rows.length / PAGE);
    if (page > pages) {
      ctx.reply(`共${rows.length}家，只有${pages}页，没有第${page}页。发“名册${pages > 1 ? ` 页:${pages}` : ''}”查看最后一页。`);
      return;
    }
    ctx.reply(
      render('roster', {
        title,
        total: rows.length,
        filters: filters.join('，'),
        rows: slice.map((e) => ({
          id: e.id,
          name: e.names[0] ?? '',
          tier: e.tier ? tierOf(e.tier.tier).label : '',
          units: rosterUnits(config, e),
        })),
        more: Math.max(0, rows.length - page * PAGE),
        nextPage: page + 1,
      }),
    );
  },
});
