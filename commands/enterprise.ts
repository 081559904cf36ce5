import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { formatOfficialDateOf } from '../src/domain/dates.ts';
import { safe } from '../src/render/escape.ts';
import { render } from '../src/render/templates.ts';
import { enterpriseFileFields } from '../src/store/enterprise-file.ts';
import { findEnterprise } from '../src/store/enterprises.ts';
import { enterpriseFileExtras } from '../src/store/enterprise-extras.ts';

/** 企业: one enterprise's file — signals by unit, tier, cases, and its history. */
export default defineCommand({
  name: '企业',
  aliases: ['查企业', '档案'],
  summary: '查看一家企业的档案：各单位预警信号、分档、案件数和处理记录',
  usage: '企业 <编号|名称|信用代码>',
  examples: ['企业 E12', '企业 某某机械'],
  audience: ['liaison', 'director', 'convener', 'centerStaff', 'admin'],
  params: { ref: { label: '企业', positional: true, hint: '编号（如 E12）、名称或信用代码' } },
  schema: z.object({ ref: z.string() }),
  run(ctx) {
    const e = findEnterprise(ctx.tx, ctx.args.ref);
    const fields = enterpriseFileFields(e, ctx.config);
    const extra = enterpriseFileExtras(ctx.tx, e, ctx.config);
    ctx.reply(
      render('enterprise-file', {
        ...fields,
        signalCount: fields.signals.length,
        extra: extra ? safe(extra) : '',
        history: e.history.slice(-8).map((h) => ({ date: formatOfficialDateOf(h.at), text: h.text })),
      }),
    );
  },
});
