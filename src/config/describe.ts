import type { GroupChat, Person, PlatformFamily, Role } from '../domain/types.ts';
import type { Config } from './config.ts';
import { CHANNEL_LABELS, DEFAULTS } from './env.ts';
import type { ChannelEnv, ChannelKey, ChannelStatus } from './env.ts';

/**
 * The text `npm run cli -- check-config` prints: who is who, which groups and channels are set up,
 * the rhythms, and everything that looks wrong. It says whether a secret is set, never what it is.
 */

export const ROLE_LABELS: Record<Role, string> = {
  liaison: '联络员',
  director: '办公室主任',
  convener: '召集人',
  centerStaff: '纾困中心工作人员',
  admin: '系统管理员',
  courtContact: '法院审判、执行部门联系人',
};

const FAMILY_LABELS: Record<PlatformFamily, string> = { wecom: '企业微信', dingtalk: '钉钉', console: '本地控制台' };
const PURPOSE_LABELS: Record<GroupChat['purpose'], string> = { liaison: '联络员群', center: '纾困中心工作群', other: '其他群' };
const FAMILIES: readonly PlatformFamily[] = ['wecom', 'dingtalk', 'console'];

function names(people: readonly Person[]): string {
  return people.length ? people.map((p) => p.name).join('、') : '（无）';
}

function accounts(ids: Partial<Record<PlatformFamily, string>>): string {
  const bound = FAMILIES.filter((f) => ids[f] !== undefined).map((f) => FAMILY_LABELS[f]);
  return bound.length ? bound.join('、') : '未绑定任何平台';
}

function channelLine(key: ChannelKey, st: ChannelStatus): string {
  const label = CHANNEL_LABELS[key];
  if (st.on) return `${label}：已开启${st.note ? `（${st.note}）` : ''}`;
  const why: string[] = [];
  if (st.missing.length) why.push(`缺少 ${st.missing.join('、')}`);
  if (st.invalid.length) why.push(`${st.invalid.join('、')} 格式不对`);
  // The note explains an off channel that needs nothing of its own (客服), or the mode that decided
  // which variables the 智能机器人 needs.
  if (st.note && (why.length === 0 || key === 'wecomAibot')) why.push(st.note);
  return `${label}：未开启${why.length ? `（${why.join('；')}）` : ''}`;
}

/** One line per channel, ON or OFF and why — also what the service prints at start. */
export function describeChannels(channelEnv: ChannelEnv): string[] {
  const st = channelEnv.status;
  return [
    '本地控制台：始终可用',
    channelLine('wecomApp', st.wecomApp),
    channelLine('wecomAibot', st.wecomAibot),
    channelLine('wecomKf', st.wecomKf),
    channelLine('dingtalk', st.dingtalk),
  ];
}

function rhythmLines(r: Config['rhythms']): string[] {
  return [
    `季度排查：每季度第 ${r.screeningOpensInMonth} 个月的第一个工作日开始，${r.screeningAnswerWorkingDays} 个工作日内答复`,
    `联席会议：${r.jointMeeting === 'halfYearly' ? '每半年一次' : '每年至少一次'}；专题会议：${r.specialMeeting === 'quarterly' ? '每季度一次' : '根据需要召开'}`,
    `日报 ${r.dailyDigestAt}（工作日），周报 ${r.weeklyDigestAt}，到期提醒 ${r.remindersAt}`,
    `企业诉求 ${r.ticketAnswerWorkingHours} 个工作小时未答复即提醒`,
    `会议时间：工作日 ${r.meetingHoursFrom}—${r.meetingHoursTo}（此外的时间须办公室主任确认）`,
  ];
}

export function describeConfig(config: Config & { readonly warnings?: readonly string[] }, channelEnv: ChannelEnv): string {
  const out: string[] = [];
  const section = (title: string, lines: string[]) => {
    out.push('', `【${title}】`, ...lines.map((l) => `  ${l}`));
  };

  out.push(`府院联动助手 · 配置检查（${config.source}）`);
  section('机制', [
    `名称：${config.mechanism.name}`,
    `办公室：${config.mechanism.office}`,
    `地区：${config.mechanism.region}`,
  ]);

  const unitLines = config.units.map((u) => {
    const liaisons = config.liaisonsOf(u.id);
    const alias = u.aliases.length ? `，别名：${u.aliases.join('、')}` : '';
    const who = liaisons.length ? `联络员 ${liaisons.length} 名：${names(liaisons)}` : '⚠ 没有联络员';
    const kind = u.kind === u.id ? '' : `，类别 ${u.kind}`;
    return `${u.name}（${u.id}${kind}${alias}）— ${who}`;
  });
  section(`成员单位（${config.units.length} 个）`, unitLines);

  const withUnit = (p: Person) => {
    const unit = p.unitId ? config.unitById(p.unitId) : undefined;
    return `${p.name}${unit ? `（${unit.name}）` : ''} [${accounts(p.ids)}]`;
  };
  const roleLine = (role: Role) => {
    const people = config.peopleWithRole(role);
    return `${ROLE_LABELS[role]}（${people.length} 名）：${people.length ? people.map(withUnit).join('；') : '（无）'}`;
  };
  section('人员', [
    `共 ${config.people.length} 人`,
    roleLine('director'),
    roleLine('convener'),
    roleLine('centerStaff'),
    roleLine('admin'),
    roleLine('courtContact'),
    `可以分档：${config.tierDeciders.map((r) => ROLE_LABELS[r]).join('、')}`,
  ]);

  const groupLines = config.groups.map((g) => {
    const bound = FAMILIES.filter((f) => g.ids[f] !== undefined).map((f) => FAMILY_LABELS[f]);
    const push: string[] = [];
    push.push(`企业微信群机器人推送${g.webhook?.wecomKey ? '已设置' : '未设置'}`);
    push.push(`钉钉群机器人推送${g.webhook?.dingtalkToken ? (g.webhook.dingtalkSecret ? '已设置（含加签）' : '已设置') : '未设置'}`);
    return `${g.name}（${g.id}，${PURPOSE_LABELS[g.purpose]}）— 已绑定：${bound.length ? bound.join('、') : '无'}；${push.join('，')}`;
  });
  section(`群聊（${config.groups.length} 个）`, groupLines.length ? groupLines : ['（未配置群聊：群消息一律不处理）']);

  section('工作节奏（北京时间，按工作日）', rhythmLines(config.rhythms));

  section('通道', [
    ...describeChannels(channelEnv),
    `微信客服接待账号：${config.kfAccounts.length ? `${config.kfAccounts.length} 个（仅限配置的账号）` : '企业的全部客服账号'}`,
    ...(channelEnv.wecomApp || channelEnv.wecomAibot
      ? [`企业微信接口地址：${channelEnv.wecomApp?.apiBase ?? channelEnv.wecomAibot?.apiBase ?? DEFAULTS.WECOM_API_BASE}`]
      : []),
    ...(channelEnv.dingtalk ? [`钉钉接口地址：${channelEnv.dingtalk.apiBase}，${channelEnv.dingtalk.oapiBase}`] : []),
    `HTTP 端口：${channelEnv.port}；数据目录：${channelEnv.dataDir}`,
  ]);

  const overrides = config.calendarOverrides.map(
    (o) => `${o.year} 年：节假日 ${o.holidays.length} 天，调休上班 ${o.workdays.length} 天（管理员补录）`,
  );
  section('节假日安排', overrides.length ? overrides : ['没有补录的年份（使用内置的节假日数据）']);

  const warnings = [...(config.warnings ?? []), ...channelEnv.problems];
  section('提示', warnings.length ? warnings.map((w) => `⚠ ${w}`) : ['一切正常。']);

  return out.join('\n');
}
