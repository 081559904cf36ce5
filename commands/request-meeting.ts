import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { resolveUnits, unitNames } from '../src/core/unit-list.ts';
import { textField } from '../src/core/zod-fields.ts';
import { splitList } from '../src/domain/lists.ts';
import { levelLabel } from '../src/domain/meeting-levels.ts';
import { tell } from '../src/core/tell.ts';
import { saveMeeting } from '../src/meetings/events.ts';
import { sendInvitations } from '../src/meetings/notify.ts';
import { meetingNotice } from '../src/meetings/notice.ts';
import { formatMeetingTime, hostName, isDirector } from '../src/meetings/records.ts';
import { clashWarning } from '../src/meetings/clash.ts';
import { meetingTime, offHoursQuestion } from '../src/meetings/time.ts';
import { meetingDetail } from '../src/meetings/view.ts';
import { findEnterprise } from '../src/store/enterprises.ts';
import type { Meeting } from '../src/store/model.ts';
import type { MeetingLevel } from '../src/domain/meeting-levels.ts';

const USAGE = '申请会议 议题:<事由> 单位:<邀请单位，可写多个> [企业:E12,E13] 时间:"2026-12-03 15:00" [地点:区法院第三会议室]';

/**
 * 申请会议: any member unit may call a 业务会议 "点对点" with the units it needs (001 §四(三)).
 * The invited units' liaisons get a card to accept, propose another time or decline; the office
 * director is informed. The director may also call a 专题 or 联席 meeting directly (级别:).
 */
export default defineCommand({
  name: '申请会议',
  aliases: ['业务会议', '约会议'],
  summary: '申请召开业务会议，邀请有关成员单位（办公室主任还可召集专题、联席会议）',
  usage: USAGE,
  examples: ['申请会议 议题:解除查封 单位:税务局,人社局 企业:E12 时间:"2026-12-03 15:00"', '申请会议 议题:职工安置 单位:人社局、法院 时间:"12月8日 下午3点"'],
  audience: ['liaison', 'director'],
  params: {
    topic: { label: '议题', aliases: ['事由', '主题'], hint: '要协调的事项' },
    units: { label: '单位', aliases: ['邀请', '邀请单位', '参会单位'], hint: '邀请的成员单位，用逗号或顿号分开' },
    enterprises: { label: '企业', hint: '涉及的企业编号或名称，可写多个' },
    time: { label: '时间', aliases: ['会议时间'], hint: '如 "2026-12-03 15:00"（有空格请加引号）' },
    place: { label: '地点', aliases: ['会议地点'], hint: '开会的地方，写进通知、日历和纪要' },
    level: { label: '级别', hint: '业务（默认）；办公室主任可写 专题 或 联席' },
  },
  schema: z.object({
    topic: textField(200),
    units: z.string().optional(),
    enterprises: z.string().optional(),
    time: z.string(),
    place: textField(100).optional(),
    level: z.enum(['业务', '专题', '联席']).optional(),
  }),
  confirm: (ctx) => offHoursQuestion(ctx, ctx.args.time),
  run(ctx) {
    const { args, tx, config, person } = ctx;
    const level: MeetingLevel = args.level ?? '业务';
    if (level !== '业务' && !isDirector(person)) {
      throw new UserError(`${levelLabel(level)}由办公室主任召集；成员单位请申请业务会议，业务会议解决不了的可以升级。`);
    }
    const ownUnitId = person.roles.includes('liaison') ? person.unitId : undefined;
    let unitIds: string[];
    // A 联席会议 is the meeting of every member unit (001 §四): nobody picks its invitees.
    if (level === '联席') unitIds = config.units.map((u) => u.id);
    else if (args.units) unitIds = resolveUnits(config, args.units).map((u) => u.id).filter((id) => id !== ownUnitId);
    else throw new UserError(`请写明邀请哪些成员单位，例如 单位:税务局,人社局。写法：${USAGE}`);
    if (unitIds.length === 0) {
      throw new UserError(`业务会议要邀请其他成员单位，不能只写本单位（${unitNames(config, ownUnitId ? [ownUnitId] : [])}）。写法：${USAGE}`);
    }
    const enterpriseIds = splitList(args.enterprises ?? '').map((ref) => findEnterprise(tx, ref).id);
    const when = meetingTime(ctx, args.time);

    const at = ctx.now.toISOString();
    const m: Meeting = {
      id: tx.nextId('M'),
      level,
      topic: args.topic,
      requesterId: person.id,
      ...(ownUnitId ? { requesterUnitId: ownUnitId } : {}),
      unitIds: [...new Set(unitIds)],
      enterpriseIds: [...new Set(enterpriseIds)],
      time: when.iso,
      ...(args.place ? { place: args.place } : {}),
      status: 'proposed',
      responses: Object.fromEntries(unitIds.map((u) => [u, { answer: 'pending' as const }])),
      history: [{ at, by: person.id, text: `申请${levelLabel(level)}，时间${formatMeetingTime(when.iso)}` }],
      createdAt: at,
      updatedAt: at,
    };
    saveMeeting(ctx, m);
    sendInvitations(ctx, m, '会议邀请');
    tell(ctx, config.peopleWithRole('director'), meetingNotice('会议申请', m, [
      `发起：${hostName(config, m)}`,
      `时间：${formatMeetingTime(when.iso)}`,
      ...(args.place ? [`地点：${args.place}`] : []),
      `邀请：${unitNames(config, m.unitIds)}`,
    ]));
    const allUnits = level === '联席' && args.units ? '联席会议邀请全体成员单位，“单位:”不适用' : '';
    const notes = [allUnits, when.note].filter(Boolean).join('；');
    ctx.reply(meetingDetail(ctx, m, {
      headline: `已发出会议邀请 ${m.id}${notes ? `（${notes}）` : ''}，各单位答复后会告诉您。${clashWarning(tx, config, m)}`,
    }));
  },
});
