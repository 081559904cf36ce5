import { z } from 'zod';

/**
 * Platform credentials and process settings, read ONLY from the environment (DESIGN §6).
 * A channel whose variables are all absent is off; one with some set and some missing is off and
 * reported as a problem naming the missing variables. No message ever contains a secret's value —
 * only variable names (and the value of a few harmless settings such as PORT or the modes).
 */

type Env = Record<string, string | undefined>;

export type ChannelKey = 'wecomApp' | 'wecomAibot' | 'wecomKf' | 'dingtalk';

export interface WecomAppEnv {
  corpId: string;
  agentId: number;
  secret: string;
  /** Callback Token and EncodingAESKey of the self-built app. */
  token: string;
  aesKey: string;
  apiBase: string;
}

export type WecomAibotEnv =
  /** Short-connection API mode: encrypted JSON callbacks on /wecom/aibot. */
  | { mode: 'http'; token: string; aesKey: string; apiBase: string }
  /** Long-connection mode: a WebSocket to WeCom, no public address needed. */
  | { mode: 'ws'; botId: string; secret: string; wsUrl: string; apiBase: string };

/** 微信客服: its events come through the self-built app's callback; it may have its own secret. */
export interface WecomKfEnv {
  corpId: string;
  secret: string;
  /** True when WECOM_KF_SECRET is set, false when the self-built app's secret is used. */
  ownSecret: boolean;
  apiBase: string;
}

export interface DingtalkEnv {
  appKey: string;
  appSecret: string;
  robotCode: string;
  mode: 'http' | 'stream';
  apiBase: string;
  oapiBase: string;
}

/** Why a channel is on or off, for check-config and the start-up message. */
export interface ChannelStatus {
  on: boolean;
  /** Required variables that are not set. */
  missing: string[];
  /** Variables that are set but malformed (names only). */
  invalid: string[];
  /** A short Chinese note, e.g. the mode, or what the channel depends on. */
  note?: string;
}

export interface ChannelEnv {
  wecomApp?: WecomAppEnv;
  wecomAibot?: WecomAibotEnv;
  wecomKf?: WecomKfEnv;
  dingtalk?: DingtalkEnv;
  port: number;
  dataDir: string;
  /** COMMAND_RATE_PER_SECOND: changing commands one sender may run per second (core/sender-rate.ts). */
  commandRatePerSecond: number;
  /** Chinese sentences: partial credentials, malformed values. Empty when all is well. */
  problems: string[];
  status: Record<ChannelKey, ChannelStatus>;
}

export const CHANNEL_LABELS: Record<ChannelKey, string> = {
  wecomApp: '企业微信自建应用',
  wecomAibot: '企业微信智能机器人',
  wecomKf: '微信客服',
  dingtalk: '钉钉',
};

export const DEFAULTS = {
  WECOM_API_BASE: 'https://qyapi.weixin.qq.com',
  WECOM_AIBOT_WS_URL: 'wss://openws.work.weixin.qq.com',
  DINGTALK_API_BASE: 'https://api.dingtalk.com',
  DINGTALK_OAPI_BASE: 'https://oapi.dingtalk.com',
  PORT: 3000,
  DATA_DIR: './data',
  COMMAND_RATE_PER_SECOND: 3,
} as const;

const WECOM_APP_VARS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_APP_SECRET', 'WECOM_APP_TOKEN', 'WECOM_APP_AES_KEY'] as const;
const AIBOT_HTTP_VARS = ['WECOM_AIBOT_TOKEN', 'WECOM_AIBOT_AES_KEY'] as const;
const AIBOT_WS_VARS = ['WECOM_AIBOT_BOT_ID', 'WECOM_AIBOT_SECRET'] as const;
const DINGTALK_VARS = ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET', 'DINGTALK_ROBOT_CODE'] as const;

/** Settings whose values are not secret and may be quoted back in a message. */
const QUOTABLE = new Set(['PORT', 'COMMAND_RATE_PER_SECOND', 'WECOM_AIBOT_MODE', 'DINGTALK_MODE']);

// Format rules, each with the Chinese explanation shown when a value breaks it.
const aesKey = z.string().regex(/^[A-Za-z0-9+/]{43}$/, '应为 43 个字符的 EncodingAESKey');
const FORMATS: Record<string, z.ZodType> = {
  WECOM_AGENT_ID: z.string().regex(/^\d{1,10}$/, '应为数字（应用的 AgentId）'),
  WECOM_APP_AES_KEY: aesKey,
  WECOM_AIBOT_AES_KEY: aesKey,
  WECOM_CORP_ID: z.string().regex(/^\S+$/, '不能含空格'),
  WECOM_API_BASE: z.url({ protocol: /^https?$/, error: '应为 http:// 或 https:// 开头的网址' }),
  WECOM_AIBOT_WS_URL: z.url({ protocol: /^wss?$/, error: '应为 wss:// 或 ws:// 开头的网址' }),
  DINGTALK_API_BASE: z.url({ protocol: /^https?$/, error: '应为 http:// 或 https:// 开头的网址' }),
  DINGTALK_OAPI_BASE: z.url({ protocol: /^https?$/, error: '应为 http:// 或 https:// 开头的网址' }),
  WECOM_AIBOT_MODE: z.enum(['http', 'ws'], { error: '应为 http 或 ws' }),
  DINGTALK_MODE: z.enum(['http', 'stream'], { error: '应为 http 或 stream' }),
  COMMAND_RATE_PER_SECOND: z.string().regex(/^[1-9]\d{0,3}$/, '应为 1–9999 之间的整数'),
  // 0 asks the system for a free port (tests and side-by-side instances).
  PORT: z.string().regex(/^\d{1,5}$/, '应为 0–65535 之间的整数').refine((v) => Number(v) <= 65535, '应为 0–65535 之间的整数'),
};

/** Reads the environment once, trimming values; empty means unset. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  get(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v ? v : undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Names among `names` that are unset. */
  missing(names: readonly string[]): string[] {
    return names.filter((n) => !this.has(n));
  }

  /** Names among `names` that are set but break their format rule. */
  invalid(names: readonly string[]): string[] {
    return names.filter((n) => this.check(n) !== undefined);
  }

  /** Chinese reason `name`'s value is malformed, or undefined when it is fine or unset. */
  check(name: string): string | undefined {
    const value = this.get(name);
    const rule = FORMATS[name];
    if (value === undefined || !rule) return undefined;
    const result = rule.safeParse(value);
    if (result.success) return undefined;
    const why = result.error.issues[0]?.message ?? '格式不对';
    return QUOTABLE.has(name) ? `${name} 的值 “${value}” 无效，${why}` : `${name} 的格式不对：${why}`;
  }

  /** Records format problems of `names` once each. */
  report(names: readonly string[]): void {
    for (const n of names) {
      const why = this.check(n);
      if (why && !this.problems.includes(why)) this.problems.push(why);
    }
  }

  /** A URL setting without trailing slashes; the default when unset or malformed (reported). */
  url(name: 'WECOM_API_BASE' | 'WECOM_AIBOT_WS_URL' | 'DINGTALK_API_BASE' | 'DINGTALK_OAPI_BASE'): string {
    const v = this.get(name);
    return (v && !this.check(name) ? v : String(DEFAULTS[name])).replace(/\/+$/, '');
  }
}

const join = (names: readonly string[]) => names.join('、');

export function readChannelEnv(env: Env = process.env): ChannelEnv {
  const r = new EnvReader(env);
  r.report(['WECOM_API_BASE', 'WECOM_AIBOT_WS_URL', 'DINGTALK_API_BASE', 'DINGTALK_OAPI_BASE', 'WECOM_AIBOT_MODE', 'DINGTALK_MODE', 'PORT']);
  const wecomApiBase = r.url('WECOM_API_BASE');
  const status = {} as Record<ChannelKey, ChannelStatus>;
  const out: Omit<ChannelEnv, 'port' | 'dataDir' | 'commandRatePerSecond' | 'problems' | 'status'> = {};

  /**
   * Common on/off decision for a set of required variables: all unset → off quietly;
   * some unset (or none, while an `intent` variable such as the mode says the channel is wanted)
   * → off with a problem naming the missing ones; malformed (required or setting) → off with the
   * format problem.
   */
  const decide = (
    key: ChannelKey,
    required: readonly string[],
    note?: string,
    intent: readonly string[] = [],
    /** Optional settings of the channel (URLs, mode): unset is fine, malformed turns the channel off. */
    settings: readonly string[] = [],
  ): boolean => {
    const missing = r.missing(required);
    const invalid = r.invalid([...required, ...settings]);
    const st: ChannelStatus = { on: false, missing, invalid };
    if (note) st.note = note;
    status[key] = st;
    const set = [...required, ...intent].filter((n) => r.has(n));
    if (missing.length > 0 && set.length > 0) {
      r.problems.push(`${CHANNEL_LABELS[key]}的凭据不完整：已设置 ${join(set)}，但缺少 ${join(missing)}，该通道未开启。`);
    }
    r.report(required);
    st.on = missing.length === 0 && invalid.length === 0;
    return st.on;
  };

  // WeCom self-built app.
  if (decide('wecomApp', WECOM_APP_VARS, undefined, [], ['WECOM_API_BASE'])) {
    out.wecomApp = {
      corpId: r.get('WECOM_CORP_ID')!,
      agentId: Number(r.get('WECOM_AGENT_ID')),
      secret: r.get('WECOM_APP_SECRET')!,
      token: r.get('WECOM_APP_TOKEN')!,
      aesKey: r.get('WECOM_APP_AES_KEY')!,
      apiBase: wecomApiBase,
    };
  }

  // WeCom 智能机器人: http (callback) by default; ws when asked, or when only ws credentials are set.
  const modeSetting = r.check('WECOM_AIBOT_MODE') ? undefined : r.get('WECOM_AIBOT_MODE');
  const aibotMode: 'http' | 'ws' =
    modeSetting === 'ws' || modeSetting === 'http'
      ? modeSetting
      : AIBOT_WS_VARS.some((n) => r.has(n)) && !AIBOT_HTTP_VARS.some((n) => r.has(n)) ? 'ws' : 'http';
  if (aibotMode === 'http') {
    if (decide('wecomAibot', AIBOT_HTTP_VARS, '回调模式 http', [], ['WECOM_AIBOT_MODE', 'WECOM_API_BASE'])) {
      out.wecomAibot = { mode: 'http', token: r.get('WECOM_AIBOT_TOKEN')!, aesKey: r.get('WECOM_AIBOT_AES_KEY')!, apiBase: wecomApiBase };
    }
  } else if (decide('wecomAibot', AIBOT_WS_VARS, '长连接模式 ws', ['WECOM_AIBOT_MODE', 'WECOM_AIBOT_WS_URL'], ['WECOM_AIBOT_WS_URL', 'WECOM_API_BASE'])) {
    out.wecomAibot = {
      mode: 'ws',
      botId: r.get('WECOM_AIBOT_BOT_ID')!,
      secret: r.get('WECOM_AIBOT_SECRET')!,
      wsUrl: r.url('WECOM_AIBOT_WS_URL'),
      apiBase: wecomApiBase,
    };
  }

  // 微信客服: needs the self-built app (its events arrive on the app's callback).
  const kfOwn = r.has('WECOM_KF_SECRET');
  if (out.wecomApp) {
    out.wecomKf = {
      corpId: out.wecomApp.corpId,
      secret: kfOwn ? r.get('WECOM_KF_SECRET')! : out.wecomApp.secret,
      ownSecret: kfOwn,
      apiBase: wecomApiBase,
    };
    status.wecomKf = { on: true, missing: [], invalid: [], note: kfOwn ? '使用 WECOM_KF_SECRET' : '使用自建应用的 Secret' };
  } else {
    status.wecomKf = { on: false, missing: [], invalid: [], note: '需要先开启企业微信自建应用：客服消息经自建应用的回调送达' };
    if (kfOwn) r.problems.push('已设置 WECOM_KF_SECRET，但企业微信自建应用未开启：微信客服的消息经自建应用的回调送达，客服通道未开启。');
  }

  // DingTalk enterprise-internal app robot.
  const dingMode = r.check('DINGTALK_MODE') ? 'http' : ((r.get('DINGTALK_MODE') ?? 'http') as 'http' | 'stream');
  const dingSettings = ['DINGTALK_MODE', 'DINGTALK_API_BASE', 'DINGTALK_OAPI_BASE'];
  if (decide('dingtalk', DINGTALK_VARS, dingMode === 'stream' ? 'Stream 模式' : 'HTTP 回调模式', dingMode === 'stream' ? ['DINGTALK_MODE'] : [], dingSettings)) {
    out.dingtalk = {
      appKey: r.get('DINGTALK_APP_KEY')!,
      appSecret: r.get('DINGTALK_APP_SECRET')!,
      robotCode: r.get('DINGTALK_ROBOT_CODE')!,
      mode: dingMode,
      apiBase: r.url('DINGTALK_API_BASE'),
      oapiBase: r.url('DINGTALK_OAPI_BASE'),
    };
  }

  const portText = r.get('PORT');
  const port = portText && !r.check('PORT') ? Number(portText) : DEFAULTS.PORT;
  const dataDir = r.get('DATA_DIR') ?? DEFAULTS.DATA_DIR;
  r.report(['COMMAND_RATE_PER_SECOND']);
  const rateText = r.get('COMMAND_RATE_PER_SECOND');
  const commandRatePerSecond = rateText && !r.check('COMMAND_RATE_PER_SECOND') ? Number(rateText) : DEFAULTS.COMMAND_RATE_PER_SECOND;

  return { ...out, port, dataDir, commandRatePerSecond, problems: r.problems, status };
}
