import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { textField } from '../src/core/zod-fields.ts';
import { unitNames } from '../src/core/unit-list.ts';
import { splitList } from '../src/domain/lists.ts';
import { tell } from '../src/core/tell.ts';
import { enterpriseNames, meetingName } from '../src/meetings/records.ts';
import { render } from '../src/render/templates.ts';
import { findEnterprise } from '../src/store/enterprises.ts';
import type { AgendaItem } from '../src/store/model.ts';
import { escapeChatText as esc } from '../src/render/escape.ts';

const USAGE = '议题 [<内容> [企业:E12]]';

/**
 * 议题: matters for the next 联席会议 — units may propose one directly (联席会议 "必要时可根据各成员
 * 单位提议", 001 §四(一)3), unresolved 专题会议 arrive here by 升级. Without content: the open list.
 */
export default defineCommand({
  name: '议题',
  aliases: ['联席议题'],
  summary: '提出下次联席会议的议题，或查看待议事项',
  usage: USAGE,
  examples: ['议题', '议题 建立破产费用保障专项资金 企业:E12'],
  audience: ['liaison', 'director', 'convener', 'admin'],
  params: {
    topic: { label: '内容', positional: true, kind: 'text', hint: '建议联席会议研究的事项' },
    enterprises: { label: '企业', hint: '涉及的企业，可写多个' },
  },
  schema: z.object({ topic: textField(300).optional(), enterprises: z.string().optional() }),
  run(ctx) {
    const { args, tx, config, person } = ctx;
    if (!args.topic) {
      const open = tx.lookup('agenda', 'status', 'open').sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
      if (open.length === 0) {
        ctx.reply(`目前没有待议的联席会议议题。提出议题：${USAGE}`);
        return;
      }
      ctx.reply(render('agenda-list', {
        count: open.length,
        rows: open.map((a) => {
          const from = a.fromMeetingId ? tx.get('meetings', a.fromMeetingId) : undefined;
          return {
            id: a.id,
            topic: a.topic,
            from: from ? meetingName(from) : '',
            units: unitNames(config, a.unitIds),
            enterprises: enterpriseNames(tx, a.enterpriseIds),
          };
        }),
      }));
      return;
    }
    const enterpriseIds = [...new Set(splitList(args.enterprises ?? '').map((ref) => findEnterprise(tx, ref).id))];
    const unitId = person.roles.includes('liaison') ? person.unitId : undefined;
    const at = ctx.now.toISOString();
    const item: AgendaItem = {
      id: tx.nextId('A'),
      topic: args.topic,
      enterpriseIds,
      unitIds: unitId ? [unitId] : [],
      addedBy: person.id,
      addedAt: at,
      status: 'open',
    };
    tx.put('agenda', item);
    const who = unitId ? unitNames(config, [unitId]) : person.name;
    tell(ctx, [...config.peopleWithRole('director'), ...config.peopleWithRole('convener')],
      `【联席会议议题】${who}提出议题 ${item.id}：${esc(item.topic)}${enterpriseIds.length ? `（企业：${enterpriseNames(tx, enterpriseIds)}）` : ''}\n发“议题”查看全部待议事项。`);
    ctx.reply(`已提出下次联席会议议题 ${item.id}：${esc(item.topic)}。办公室筹备联席会议时统一列入议程。`);
  },
});
