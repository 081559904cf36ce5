import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { textField } from '../src/core/zod-fields.ts';
import '../src/meetings/file-section.ts';
import { confirmWithAccepted, dropUnits } from '../src/meetings/confirm.ts';
import { recordOutcome, setTime } from '../src/meetings/manage.ts';
import { setPlace } from '../src/meetings/place.ts';
import { loadMeeting } from '../src/meetings/records.ts';
import { type Answer, respond } from '../src/meetings/respond.ts';
import { offHoursQuestion } from '../src/meetings/time.ts';
import { meetingDetail, meetingList } from '../src/meetings/view.ts';

const USAGE = '会议 [M编号] [接受 | 改期 时间:"…" | 拒绝 理由:… | 时间:"…" | 地点:… | 确认 | 移出 单位:… | 结果:已解决|未解决 说明:…]';
const ANSWERS: readonly Answer[] = ['接受', '改期', '拒绝'];

/**
 * 会议: the list of meetings in play, one meeting's details, and everything done to a meeting
 * after it was requested — invited units answer; the requester or the director sets the time and
 * records the result.
 */
export default defineCommand({
  name: '会议',
  summary: '查看会议；答复邀请（接受/改期/拒绝）；发起人确定时间、记录结果',
  usage: USAGE,
  examples: ['会议', '会议 M7', '会议 M7 接受', '会议 M7 改期 时间:"2026-12-04 10:00"', '会议 M7 拒绝 理由:当天有庭审', '会议 M8 时间:"2026-12-10 15:00"', '会议 M8 地点:区法院第三会议室', '会议 M7 确认', '会议 M7 移出 单位:人社局', '会议 M7 结果:未解决 说明:查封涉及外地法院'],
  audience: ['liaison', 'director', 'convener', 'admin'],
  params: {
    ref: { label: '会议', positional: true, hint: '会议编号，后面可跟 接受、改期、拒绝' },
    time: { label: '时间', aliases: ['会议时间', '改至'], hint: '如 "2026-12-04 10:00"' },
    place: { label: '地点', aliases: ['会议地点'], hint: '开会的地方' },
    reason: { label: '理由', aliases: ['原因'], hint: '改期或拒绝的理由' },
    result: { label: '结果', hint: '已解决 或 未解决' },
    note: { label: '说明', aliases: ['情况'], hint: '会议结果的说明' },
    units: { label: '单位', hint: '移出的受邀单位，可写多个' },
  },
  schema: z.object({
    ref: z.string().optional(),
    time: z.string().optional(),
    place: textField(100).optional(),
    reason: textField(300).optional(),
    result: z.enum(['已解决', '未解决']).optional(),
    note: textField(500).optional(),
    units: z.string().optional(),
  }),
  // A time outside working days and hours: the director is asked once (only they may set one).
  confirm(ctx) {
    const words = (ctx.args.ref ?? '').split(/\s+/u).filter(Boolean);
    if (words.length !== 1 || !ctx.args.time || ctx.args.result) return undefined;
    loadMeeting(ctx.tx, words[0], USAGE);
    return offHoursQuestion(ctx, ctx.args.time);
  },
  run(ctx) {
    const { args } = ctx;
    const words = (args.ref ?? '').split(/\s+/u).filter(Boolean);
    if (words.length === 0) {
      if (args.time || args.result || args.reason) throw new UserError(`请写会议编号，如 M7。写法：${USAGE}`);
      ctx.reply(meetingList(ctx));
      return;
    }
    const m = loadMeeting(ctx.tx, words[0], USAGE);
    const action = words.slice(1).join('');
    if (action === '确认') return confirmWithAccepted(ctx, m);
    if (action === '移出') return dropUnits(ctx, m, args.units);
    if (args.units) throw new UserError(`“单位:”用于移出受邀单位：会议 ${m.id} 移出 单位:…。`);
    if (action) {
      if (!ANSWERS.includes(action as Answer)) throw new UserError(`看不懂“${action}”：答复邀请请写 接受、改期 或 拒绝；发起人可写 确认 或 移出。写法：${USAGE}`);
      if (args.result) throw new UserError(`答复邀请和记录结果请分两次发。写法：${USAGE}`);
      respond(ctx, m, action as Answer, args.time, args.reason);
      return;
    }
    if (args.result && args.time) throw new UserError(`确定时间和记录结果请分两次发。写法：${USAGE}`);
    if (args.place && (args.result || args.time)) throw new UserError(`地点请单独发：会议 ${m.id} 地点:…。写法：${USAGE}`);
    if (args.place) return setPlace(ctx, m, args.place);
    if (args.result) return recordOutcome(ctx, m, args.result, args.note);
    if (args.time) return setTime(ctx, m, args.time);
    if (args.reason || args.note) throw new UserError(`请写要做什么：改期、拒绝 或 结果:…。写法：${USAGE}`);
    ctx.reply(meetingDetail(ctx, m));
  },
});
