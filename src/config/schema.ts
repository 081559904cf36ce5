import { z } from 'zod';
import { UNIT_KINDS } from '../domain/types.ts';

/**
 * The YAML config (FUYUAN_CONFIG). It says who is who: member units, people and their roles and
 * platform ids, the configured groups, and the rhythms. Secrets never live here — they come from
 * the environment (see env.ts).
 */

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '只能用字母、数字、下划线或短横线，最长40个字符');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间要写成 09:00 这样的形式');

const platformIds = z
  .object({
    wecom: z.string().min(1).optional(),
    dingtalk: z.string().min(1).optional(),
    console: z.string().min(1).optional(),
  })
  .strict();

export const unitSchema = z
  .object({
    id,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    kind: z.enum(UNIT_KINDS),
  })
  .strict();

export const roleSchema = z.enum(['liaison', 'director', 'convener', 'centerStaff', 'admin', 'courtContact']);

/** The court departments the 案件 prompt reaches (鹤岗 第四条: 立案 prompts 审判 and 执行). */
export const courtDepartmentSchema = z.enum(['trial', 'enforcement']);

export const personSchema = z
  .object({
    id,
    name: z.string().min(1),
    roles: z.array(roleSchema).min(1),
    unit: z.string().optional(),
    ids: platformIds.default({}),
    /** The court departments this person is the contact of (a court liaison or a courtContact). */
    courtDepartments: z.array(courtDepartmentSchema).default([]),
  })
  .strict();

export const groupSchema = z
  .object({
    id,
    name: z.string().min(1),
    purpose: z.enum(['liaison', 'center', 'other']),
    ids: platformIds.default({}),
    /** Names of environment variables holding the group's webhook secrets (never the secrets themselves). */
    webhookEnv: z
      .object({
        wecomKey: z.string().optional(),
        dingtalkToken: z.string().optional(),
        dingtalkSecret: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const rhythmSchema = z
  .object({
    /** When the quarterly screening opens: the first working day of the quarter's nth month (1..3). */
    screeningOpensInMonth: z.number().int().min(1).max(3).default(3),
    /** Working days units have to answer the screening. */
    screeningAnswerWorkingDays: z.number().int().min(1).max(30).default(10),
    /** 联席会议 cadence: every half year (001) or at least once a year (002). */
    jointMeeting: z.enum(['halfYearly', 'yearly']).default('halfYearly'),
    /** 专题会议 cadence: every quarter (001) or only as needed (002). */
    specialMeeting: z.enum(['quarterly', 'asNeeded']).default('quarterly'),
    dailyDigestAt: hhmm.default('08:30'),
    weeklyDigestAt: hhmm.default('09:00'),
    remindersAt: hhmm.default('09:00'),
    /** Working hours after which an unanswered 诉求 shows up in reminders. */
    ticketAnswerWorkingHours: z.number().int().min(1).max(200).default(16),
    /** Meetings start within these hours on working days; the director may confirm a time outside them. */
    meetingHoursFrom: hhmm.default('08:30'),
    meetingHoursTo: hhmm.default('18:00'),
    /** The automatic daily backup of the data directory (any day, not only working days). */
    backupAt: hhmm.default('02:00'),
    /** Days an automatic backup is kept in backupFolder. */
    backupKeepDays: z.number().int().min(1).max(3650).default(30),
    /** Where automatic backups go; empty: beside the data directory, `<DATA_DIR>-backups`. Best on another disk. */
    backupFolder: z.string().default(''),
  })
  .strict();

export const configSchema = z
  .object({
    mechanism: z
      .object({
        name: z.string().min(1),
        /** Name of the office that signs documents (联席会议办公室). */
        office: z.string().min(1),
        region: z.string().min(1),
        /**
         * The dashboard's public address (工作台 / 应用主页), e.g. https://fy.example.gov.cn/dashboard:
         * the digests end with it and the platform logins return to it.
         */
        dashboardUrl: z.url({ protocol: /^https?$/, error: '应为 http:// 或 https:// 开头的网址' }).optional(),
        /** 机关代字 of the office's 发文字号 (府院联办〔2026〕3号). */
        docCode: z.string().min(1).default('府院联办'),
      })
      .strict(),
    units: z.array(unitSchema).min(1),
    people: z.array(personSchema).min(1),
    groups: z.array(groupSchema).default([]),
    rhythms: rhythmSchema.default(rhythmSchema.parse({})),
    /** Which roles may run 分档 besides the director. */
    tierDeciders: z.array(roleSchema).default(['director']),
    /** 微信客服 accounts (open_kfid) feeding the rescue-center intake; empty = every account of the corp. */
    kfAccounts: z.array(z.string()).default([]),
    /** Admin-entered holiday arrangements for years the calendar data does not cover yet. */
    calendarOverrides: z
      .array(
        z
          .object({
            year: z.number().int().min(2000).max(2100),
            holidays: z.array(z.string()),
            workdays: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
