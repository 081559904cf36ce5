import { DEFAULT_API_BASE } from './api-client.ts';
import { DEFAULT_OAPI_BASE } from './custom-robot-client.ts';

/** The DingTalk credentials from the environment (DESIGN §6); never from a committed file. */
export interface DingtalkEnv {
  appKey: string;
  appSecret: string;
  robotCode: string;
  apiBase: string;
  oapiBase: string;
}

export type DingtalkEnvResult = { ok: true; env: DingtalkEnv } | { ok: false; missing: string[] };

/** `ok: false` means the channel is off; `missing` says which variables to set (for the start-up log). */
export function dingtalkEnv(env: NodeJS.ProcessEnv = process.env): DingtalkEnvResult {
  const required = ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET', 'DINGTALK_ROBOT_CODE'] as const;
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    env: {
      appKey: env.DINGTALK_APP_KEY!.trim(),
      appSecret: env.DINGTALK_APP_SECRET!.trim(),
      robotCode: env.DINGTALK_ROBOT_CODE!.trim(),
      apiBase: env.DINGTALK_API_BASE?.trim() || DEFAULT_API_BASE,
      oapiBase: env.DINGTALK_OAPI_BASE?.trim() || DEFAULT_OAPI_BASE,
    },
  };
}
