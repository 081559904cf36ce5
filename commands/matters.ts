import { z } from 'zod';
import type { Config } from '../src/config/config.ts';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { findMatter, type Matter, MATTERS, partnerKind } from '../src/domain/matters.ts';
import { unitKindLabel } from '../src/domain/unit-kinds.ts';
import { render } from '../src/render/templates.ts';

/**
 * 事项: the twelve coordination matters of 沂源 附件2 (who does what when an enterprise goes
 * through bankruptcy). The detail maps the document's county units to this mechanism's configured
 * units by kind, and names the ones not configured here so nobody assumes they were invited.
 */
export default defineCommand({
  name: '事项',
  aliases: ['协调事项', '职责分工'],
  summary: '查看企业破产处置的十二项协调事项及各自涉及的成员单位',
  usage: '事项 [编号或关键词]',
  examples: ['事项', '事项 3', '事项 解除查封'],
  audience: ['liaison', 'director', 'convener', 'centerStaff', 'admin'],
  params: { ref: { label: '事项', positional: true, hint: '编号1–12或关键词，如 3、涉税、解除查封' } },
  schema: z.object({ ref: z.string().optional() }),
  run(ctx) {
    const { ref } = ctx.args;
    if (!ref) {
      ctx.reply(render('matter-list', { matters: MATTERS.map((m) => ({ n: m.n, title: m.title, heading: m.heading })) }));
      return;
    }
    const found = findMatter(ref);
    if (!found.ok) throw new UserError(found.reason);
    const { units, missing } = unitsOf(found.matter, ctx.config);
    ctx.reply(render('matter-detail', { n: found.matter.n, title: found.matter.title, text: found.matter.text, units: units.join('、'), missing: missing.join('、') }));
  },
});

/** The configured units of the matter's kinds, and the document's units that have no counterpart. */
function unitsOf(matter: Matter, config: Config): { units: string[]; missing: string[] } {
  const units: string[] = [];
  const missing: string[] = [];
  for (const partner of matter.partners) {
    const kind = partnerKind(partner) ?? 'other';
    const configured = kind === 'other' ? [] : config.units.filter((u) => u.kind === kind);
    if (configured.length > 0) units.push(...configured.map((u) => u.name));
    else missing.push(kind === 'other' ? partner.replace(/^[县市区]/u, '') : unitKindLabel(kind));
  }
  return { units: [...new Set(units)], missing: [...new Set(missing)] };
}
