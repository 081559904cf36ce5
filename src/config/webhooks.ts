import type { GroupChat } from '../domain/types.ts';
import type { RawConfig } from './schema.ts';

/**
 * Group webhook secrets: the config names environment variables, the values come from the
 * environment. A named variable that is not set leaves that webhook absent, with a warning.
 */

type Webhook = NonNullable<GroupChat['webhook']>;

const WHAT: Record<keyof Webhook, string> = {
  wecomKey: '企业微信群机器人推送',
  dingtalkToken: '钉钉群机器人推送',
  dingtalkSecret: '钉钉群机器人加签',
};

export interface ResolvedWebhook {
  webhook?: Webhook;
  warnings: string[];
}

export function resolveWebhook(
  group: RawConfig['groups'][number],
  index: number,
  env: Record<string, string | undefined>,
): ResolvedWebhook {
  const unset: string[] = [];
  const webhook: Webhook = {};
  for (const key of Object.keys(WHAT) as Array<keyof Webhook>) {
    const name = group.webhookEnv?.[key];
    if (!name) continue;
    const value = env[name]?.trim();
    if (value) webhook[key] = value;
    else unset.push(`${name}（${WHAT[key]}）`);
  }
  const warnings = unset.length
    ? [`groups[${index}]（${group.name}）的 webhookEnv 指向的环境变量没有设置：${unset.join('、')}，该群暂不能用这些方式推送。`]
    : [];
  return Object.keys(webhook).length > 0 ? { webhook, warnings } : { warnings };
}
