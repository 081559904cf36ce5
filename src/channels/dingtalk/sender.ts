import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ChannelSender, SendTarget } from '../../outbox/sender.ts';
import { PlatformError } from '../../outbox/platform-error.ts';
import type { OutboundMessage } from '../../domain/types.ts';
import type { RobotApi, RobotApiMessage } from './api-client.ts';
import type { CustomRobotClient } from './custom-robot-client.ts';
import { RollingWindowLimiter } from './rate-limit.ts';
import { renderMarkdown, toApiMessage, toWebhookBody, type DingtalkMarkdown } from './render.ts';
import { systemMillis } from '../../domain/clock.ts';

export interface DingtalkSenderDeps {
  /** The enterprise robot (DINGTALK_APP_KEY/SECRET/ROBOT_CODE); absent when only custom robots exist. */
  api?: RobotApi;
  /** For groups configured with only `webhook.dingtalkToken` (+ `dingtalkSecret`). */
  customRobot?: CustomRobotClient;
  /** Messages per robot per rolling minute (DingTalk: 20, then a 10-minute throttle). */
  perMinute?: number;
  /** OutboundMessage.mentions → DingTalk staffIds; by default mentions already are staffIds. */
  resolveMention?: (id: string) => string | undefined;
  now?: () => number;
}

/** How one message goes out: which robot (the rate-limit key), in which shape. */
interface Route {
  robotKey: string;
  path: 'api' | 'webhook';
  chatKind: 'single' | 'group';
  deliver(part: DingtalkMarkdown): Promise<void>;
  /** Sends a file message (robot API: media upload, then msgKey sampleFile); webhooks cannot. */
  deliverFile?(file: NonNullable<OutboundMessage['file']>): Promise<void>;
}

/** How many parts of a split message went out, so the outbox's retry does not repeat them. */
const PROGRESS_KEPT = 1000;

/**
 * Proactive messages (reminders, digests, notices) for the outbox. Never waits: a full rate window
 * or a DingTalk throttle comes back as a retryable PlatformError carrying retryAfterMs.
 */
export class DingtalkSender implements ChannelSender {
  readonly family = 'dingtalk' as const;
  private readonly limiter: RollingWindowLimiter;
  private readonly progress = new Map<string, number>();

  constructor(private readonly deps: DingtalkSenderDeps) {
    this.limiter = new RollingWindowLimiter(deps.perMinute ?? 20, 60_000, deps.now ?? systemMillis);
  }

  async send(msg: OutboundMessage, target: SendTarget): Promise<void> {
    const route = this.route(target);
    const atUserIds = (msg.mentions ?? []).map(this.deps.resolveMention ?? ((id) => id)).filter((id): id is string => Boolean(id));
    const file = msg.file;
    const sendsFile = Boolean(file && route.deliverFile);
    const input = file && !sendsFile ? { ...msg, text: `${msg.text}\n\n（文件《${file.name}》无法通过群机器人发送，请在与机器人的单聊中获取。）` } : msg;
    const parts = renderMarkdown(input, { path: route.path, chatKind: route.chatKind, atUserIds });
    const done = this.progress.get(msg.idempotencyKey) ?? 0;
    const total = parts.length + (sendsFile ? 1 : 0);
    const taken = this.limiter.take(route.robotKey, total - done);
    if (!taken.ok) {
      throw new PlatformError('钉钉机器人每分钟最多发送 20 条，稍后重试', {
        platform: 'dingtalk', code: 'local.rate.limit', retryable: true, retryAfterMs: taken.retryAfterMs, notAttempted: true,
      });
    }
    for (let i = done; i < parts.length; i++) {
      await route.deliver(parts[i]!);
      this.remember(msg.idempotencyKey, i + 1);
    }
    // The file follows its text, as the last part.
    if (sendsFile && done < total) await route.deliverFile!(file!);
    this.progress.delete(msg.idempotencyKey);
  }

  private route(target: SendTarget): Route {
    const { api, customRobot } = this.deps;
    if (target.kind === 'external') {
      throw new PlatformError('钉钉通道不能发送给外部微信客户', { platform: 'dingtalk', code: 'external', retryable: false });
    }
    if (target.kind === 'person') {
      if (!api) throw noRoute(`人员 ${target.person.id} 需要企业机器人（DINGTALK_ROBOT_CODE）`);
      const staffId = target.platformUserId;
      const toUser = async (message: RobotApiMessage) => {
        const result = await api.batchSendToUsers({ userIds: [staffId], ...message });
        if (result.invalidStaffIdList.includes(staffId)) {
          throw new PlatformError(`钉钉不认识该用户：${staffId}`, { platform: 'dingtalk', code: 'invalidStaffId', retryable: false });
        }
        if (result.flowControlledStaffIdList.includes(staffId)) {
          throw new PlatformError('钉钉对该用户限流', { platform: 'dingtalk', code: 'flowControlled', retryable: true, retryAfterMs: 60_000 });
        }
      };
      return {
        robotKey: `robot:${api.robotCode}`, path: 'api', chatKind: 'single',
        deliver: (part) => toUser(toApiMessage(part)),
        ...(api.uploadMedia ? { deliverFile: async (file: NonNullable<OutboundMessage['file']>) => toUser(await fileMessage(api, file)) } : {}),
      };
    }
    const group = target.group;
    const openConversationId = target.platformChatId ?? group.ids.dingtalk;
    if (api && openConversationId) {
      return {
        robotKey: `robot:${api.robotCode}`, path: 'api', chatKind: 'group',
        deliver: (part) => api.groupSend({ openConversationId, ...toApiMessage(part) }),
        ...(api.uploadMedia ? { deliverFile: async (file: NonNullable<OutboundMessage['file']>) => api.groupSend({ openConversationId, ...(await fileMessage(api, file)) }) } : {}),
      };
    }
    const token = group.webhook?.dingtalkToken;
    if (customRobot && token) {
      const secret = group.webhook?.dingtalkSecret;
      return {
        robotKey: `custom:${token}`, path: 'webhook', chatKind: 'group',
        deliver: (part) => customRobot.send({ token, secret, body: toWebhookBody(part) }),
      };
    }
    throw noRoute(`群 ${group.id} 没有配置钉钉群 openConversationId 或自定义机器人`);
  }

  private remember(key: string, partsDone: number): void {
    this.progress.delete(key);
    this.progress.set(key, partsDone);
    if (this.progress.size > PROGRESS_KEPT) this.progress.delete(this.progress.keys().next().value!);
  }
}

function noRoute(why: string): PlatformError {
  return new PlatformError(`无法发送到钉钉：${why}`, { platform: 'dingtalk', code: 'no-route', retryable: false });
}

/** Uploads the file and builds the robot API's file message: msgKey sampleFile {mediaId, fileName, fileType}. */
async function fileMessage(api: RobotApi, file: NonNullable<OutboundMessage['file']>): Promise<RobotApiMessage> {
  let data: Uint8Array;
  try {
    data = await readFile(file.path);
  } catch {
    throw new PlatformError(`要发送的文件已不存在：${basename(file.path)}`, { platform: 'dingtalk', code: 'file_missing', retryable: false });
  }
  const mediaId = await api.uploadMedia!(file.name, data);
  const fileType = extname(file.name).replace('.', '').toLowerCase() || 'file';
  return { msgKey: 'sampleFile', msgParam: JSON.stringify({ mediaId, fileName: file.name, fileType }) };
}
