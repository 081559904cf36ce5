import { z } from 'zod';
import { UNIT_KINDS } from '../core/types.ts';

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

export const roleSchema = z.enum(['liaison', 'director', 'convener', 'centerStaff', 'admin']);

export const personSchema = z
  .object({
    id,
    name: z.string().min(1),
    roles: z.array(roleSchema).min(1),
    unit: z.string().optional(),
    ids: platformIds.default({}),
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
