import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ChannelSender, SendProgress, SendTarget } from '../../outbox/sender.ts';
import type { GroupChat, OutboundMessage } from '../../domain/types.ts';
import { PlatformError } from '../../outbox/platform-error.ts';
import type { WecomApiClient } from './api-client.ts';
import type { WecomWebhookClient } from './webhook-client.ts';
import { DeliveredParts } from './delivered-parts.ts';
import { RollingWindowLimiter } from './rate-limit.ts';
import { LIMITS, appMarkdownChunks, cardAsMarkdown, renderTemplateCard, webhookMarkdownChunks } from './render.ts';
import { splitByBytes } from './text-split.ts';
import { systemMillis } from '../../domain/clock.ts';

/**
 * The WeCom outbound side. Persons get app messages (message/send); groups get their message-push
 * webhook, else — when the 智能机器人 long connection is on — aibot_send_msg into the group the bot
 * is in, else appchat/send for a group the app created. Without the self-built app, persons are
 * reached through the 智能机器人's single chat. It never sleeps: when a limit is reached it throws a
 * retryable PlatformError with retryAfterMs and the outbox comes back later.
 */

/** The 智能机器人 long connection's proactive send (aibot_send_msg); see aibot-ws.ts. */
export interface AibotPush {
  sendToChat(chatId: string, markdown: string): Promise<void>;
}

export interface WecomSenderDeps {
  /** The self-built app; absent when only the 智能机器人 long connection is configured. */
  api?: Pick<WecomApiClient, 'sendMessage' | 'appchatSend'> & Partial<Pick<WecomApiClient, 'uploadMedia'>>;
  webhook: Pick<WecomWebhookClient, 'send'> & Partial<Pick<WecomWebhookClient, 'uploadMedia'>>;
  /** 微信客服 (kf-sender.ts): external WeChat customers go through it when the intake is on. */
  kf?: ChannelSender;
  /**
   * Group chat ids in the config are the ones the 智能机器人 reports (apps receive no group
   * messages), so with its long connection on, a group without a webhook key is reached through it
   * rather than appchat/send, which only works for groups the app created.
   */
  aibot?: AibotPush;
  /**
   * Maps an entry of `OutboundMessage.mentions` to a WeCom userid (undefined: no mention).
   * Defaults to using the entry as it is.
   */
  mentionUserId?: (id: string) => string | undefined;
  now?: () => number;
  /** Per webhook robot (WeCom doc 99110: 20 a minute). */
  robotLimitPerMinute?: number;
  /** Per member and app (WeCom doc 90236: 30 a minute, the excess is dropped silently). */
  memberLimitPerMinute?: number;
}

type Piece = () => Promise<unknown>;

/**
 * App messages ask WeCom to drop a repeat of the same content to the same person within this
 * many seconds (message/send `enable_duplicate_check`). It covers the one gap the outbox cannot:
 * the platform accepted a part just before a crash, so it was never recorded as delivered, and
 * the retry after the restart sends it again. 1800 s (WeCom's default) spans a restart and the
 * outbox's longest back-off (30 min). The price: a message identical to one the same person got
 * in the last 30 minutes is not shown again (RELIABILITY.md, "只推送一次").
 */
export const DUPLICATE_CHECK_SECONDS = 1800;
const DUPLICATE_CHECK = { enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_SECONDS };

export class WecomSender implements ChannelSender {
  readonly family = 'wecom' as const;
  readonly #robots: RollingWindowLimiter;
  readonly #members: RollingWindowLimiter;
  readonly #delivered = new DeliveredParts();

  constructor(private readonly deps: WecomSenderDeps) {
    const now = deps.now ?? systemMillis;
    this.#robots = new RollingWindowLimiter(deps.robotLimitPerMinute ?? 20, 60_000, now);
    this.#members = new RollingWindowLimiter(deps.memberLimitPerMinute ?? 30, 60_000, now);
  }

  accepts(kind: 'external'): boolean {
    return kind === 'external' && Boolean(this.deps.kf);
  }

  async send(msg: OutboundMessage, target: SendTarget, progress?: SendProgress): Promise<void> {
    switch (target.kind) {
      case 'person':
        return this.#deliver(msg, this.#members, `member:${target.platformUserId}`, this.#personPieces(msg, target.platformUserId), progress);
      case 'group':
        return this.#toGroup(msg, target.group, target.platformChatId, progress);
      case 'external':
        if (this.deps.kf) return this.deps.kf.send(msg, target);
        throw new PlatformError('微信客服外部联系人不由企业微信应用发送', { platform: 'wecom', retryable: false });
    }
  }

  #personPieces(msg: OutboundMessage, userId: string): Piece[] {
    const { api, aibot } = this.deps;
    if (!api) {
      if (!aibot) throw new PlatformError('没有配置企业微信自建应用，无法给个人发消息', { platform: 'wecom', retryable: false });
      const text = withFileNote(msg.card ? cardAsMarkdown(msg.card) : msg.text, msg.file);
      return splitByBytes(text, LIMITS.aibotMarkdown).map((content) => () => aibot.sendToChat(userId, content));
    }
    // A file may come without words; anything else is sent as it is.
    const text = (msg.text.trim() || !msg.file ? appMarkdownChunks(msg.text) : []).map((content) => () =>
      api.sendMessage({ touser: userId, msgtype: 'markdown', markdown: { content }, ...DUPLICATE_CHECK }),
    );
    // A file follows its text as a file message: media/upload, then message/send msgtype file.
    const file = msg.file;
    const upload = api.uploadMedia?.bind(api);
    if (file && upload) {
      return [...text, async () => {
        const mediaId = await upload(file.name, await fileBytes(file.path), 'file');
        return api.sendMessage({ touser: userId, msgtype: 'file', file: { media_id: mediaId }, ...DUPLICATE_CHECK });
      }];
    }
    if (!msg.card) return text;
    // A template card shows at most a short description, so the full text goes first as
    // markdown and the card with its buttons follows; the card alone would cut the notice.
    const card = renderTemplateCard(msg.card);
    const cardPiece = () => api.sendMessage({ touser: userId, msgtype: 'template_card', template_card: card, ...DUPLICATE_CHECK });
    return msg.text.trim() && msg.text.trim() !== msg.card.title ? [...text, cardPiece] : [cardPiece];
  }

  #toGroup(msg: OutboundMessage, group: GroupChat, platformChatId: string | undefined, progress?: SendProgress): Promise<void> {
    // Group chats have no clickable cards here: the card becomes text that says what to type.
    const text = msg.card ? cardAsMarkdown(msg.card) : msg.text;
    const file = msg.file;
    const key = group.webhook?.wecomKey;
    if (key) {
      const mentions = (msg.mentions ?? [])
        .map((id) => (this.deps.mentionUserId ? this.deps.mentionUserId(id) : id))
        .filter((id): id is string => !!id);
      const webhook = this.deps.webhook;
      const upload = webhook.uploadMedia?.bind(webhook);
      const pieces: Piece[] = webhookMarkdownChunks(file && !upload ? withFileNote(text, file) : text, mentions).map((content) => () =>
        webhook.send(key, { msgtype: 'markdown', markdown: { content } }),
      );
      if (file && upload) {
        pieces.push(async () => webhook.send(key, { msgtype: 'file', file: { media_id: await upload(key, file.name, await fileBytes(file.path)) } }));
      }
      return this.#deliver(msg, this.#robots, `robot:${key}`, pieces, progress);
    }
    const chatId = platformChatId ?? group.ids.wecom;
    const { aibot, api } = this.deps;
    if (chatId && aibot) {
      // aibot_send_msg has no published rate limit: held to the group robot's 20 a minute. It sends no files.
      const pieces = splitByBytes(withFileNote(text, file), LIMITS.aibotMarkdown).map((content) => () => aibot.sendToChat(chatId, content));
      return this.#deliver(msg, this.#robots, `aibot:${chatId}`, pieces, progress);
    }
    if (chatId && api) {
      const upload = api.uploadMedia?.bind(api);
      const pieces: Piece[] = appMarkdownChunks(file && !upload ? withFileNote(text, file) : text).map((content) => () =>
        api.appchatSend({ chatid: chatId, msgtype: 'markdown', markdown: { content } }),
      );
      if (file && upload) {
        pieces.push(async () => api.appchatSend({ chatid: chatId, msgtype: 'file', file: { media_id: await upload(file.name, await fileBytes(file.path), 'file') } }));
      }
      return this.#deliver(msg, undefined, '', pieces, progress);
    }
    return Promise.reject(
      new PlatformError(`群「${group.name}」没有配置企业微信推送地址或群 id`, { platform: 'wecom', retryable: false }),
    );
  }

  async #deliver(msg: OutboundMessage, limiter: RollingWindowLimiter | undefined, limitKey: string, pieces: Piece[], progress?: SendProgress): Promise<void> {
    for (const [i, piece] of pieces.entries()) {
      if (i < (progress?.partsDone ?? 0) || this.#delivered.has(msg.idempotencyKey, i)) continue;
      if (limiter && !limiter.tryTake(limitKey)) {
        throw new PlatformError('企业微信发送频率已达上限，稍后重试', {
          platform: 'wecom',
          code: 'local_rate_limit',
          retryable: true,
          retryAfterMs: limiter.waitMs(limitKey),
          notAttempted: true,
        });
      }
      await piece();
      this.#delivered.add(msg.idempotencyKey, i);
      if (pieces.length > 1) await progress?.partDelivered(i);
    }
  }
}

/** The bytes of a file to send; a file that is gone will not come back, so that is not retried. */
async function fileBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch {
    throw new PlatformError(`要发送的文件已不存在：${basename(path)}`, { platform: 'wecom', code: 'file_missing', retryable: false });
  }
}

/** Where a file cannot travel (智能机器人, a robot without upload): the text says so. */
function withFileNote(text: string, file: OutboundMessage['file']): string {
  return file ? `${text}\n\n（文件《${file.name}》无法通过此渠道发送，请在与“府院联动助手”应用的单聊中获取。）` : text;
}
