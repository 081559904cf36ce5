import { PlatformError } from '../../outbox/platform-error.ts';
import { postJson, sendForm, type HttpOptions } from './http.ts';
import { apiCodeOf, apiError, checkOapiResult, isTokenRejected } from './platform-errors.ts';
import { AccessTokenCache } from './token-cache.ts';
import { hostOf, isPlatformUrl } from '../reply-url.ts';

import { CustomRobotClient, DEFAULT_OAPI_BASE } from './custom-robot-client.ts';
import { systemMillis } from '../../domain/clock.ts';

export { CustomRobotClient, DEFAULT_OAPI_BASE, type CustomRobotOptions } from './custom-robot-client.ts';

export const DEFAULT_API_BASE = 'https://api.dingtalk.com';
/** The robot API refuses a msgParam larger than this (reference §5.3). */
export const MSG_PARAM_MAX_BYTES = 15_000;
/** oToMessages/batchSend takes at most 20 userIds per call. */
export const BATCH_USERS_MAX = 20;

export interface DingtalkApiOptions {
  /** DINGTALK_API_BASE */
  apiBase?: string;
  /** DINGTALK_OAPI_BASE (kept here so one options object configures both clients) */
  oapiBase?: string;
  appKey: string;
  appSecret: string;
  robotCode: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

/** A robot message in the v1.0 API's shape: a template key and its parameters as a JSON string. */
export interface RobotApiMessage {
  msgKey: string;
  msgParam: string;
}

export interface BatchSendResult {
  processQueryKeys: string[];
  /** Users DingTalk does not know (left the organisation, wrong id): retrying will not help. */
  invalidStaffIdList: string[];
  /** Users DingTalk skipped for flow control: worth trying again later. */
  flowControlledStaffIdList: string[];
}

/** The parts of the client the reply and send paths use; tests may hand in their own. */
export interface RobotApi {
  readonly robotCode: string;
  groupSend(args: { openConversationId: string } & RobotApiMessage): Promise<void>;
  batchSendToUsers(args: { userIds: string[] } & RobotApiMessage): Promise<BatchSendResult>;
  sessionWebhookSend(url: string, body: unknown): Promise<void>;
  /** Whether a sessionWebhook from a callback points at the configured oapi host (reply-url.ts). */
  ownsSessionWebhook(url: string): boolean;
  /** oapi media/upload → media_id, for a sampleFile message. */
  uploadMedia?(name: string, data: Uint8Array): Promise<string>;
  /** The bytes of a file a person sent to the robot (its downloadCode). */
  downloadMessageFile?(downloadCode: string): Promise<Uint8Array>;
}

/** The enterprise-internal robot's side of DingTalk's server API. */
export class DingtalkApiClient implements RobotApi {
  readonly robotCode: string;
  private readonly apiBase: string;
  private readonly http: HttpOptions;
  private readonly tokens: AccessTokenCache;

  constructor(private readonly opts: DingtalkApiOptions) {
    this.robotCode = opts.robotCode;
    this.apiBase = (opts.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, '');
    this.http = { fetch: opts.fetch ?? globalThis.fetch, timeoutMs: opts.timeoutMs ?? 10_000 };
    this.tokens = new AccessTokenCache(() => this.fetchToken(), opts.now ?? systemMillis);
  }

  /** A custom-robot client on the same oapi base, fetch and time-out. */
  customRobotClient(): CustomRobotClient {
    return new CustomRobotClient({
      oapiBase: this.opts.oapiBase, fetch: this.http.fetch, timeoutMs: this.http.timeoutMs, now: this.opts.now,
    });
  }

  /** The current access token (cached; one shared refresh). */
  accessToken(): Promise<string> {
    return this.tokens.get();
  }

  async groupSend(args: { openConversationId: string } & RobotApiMessage): Promise<void> {
    checkMsgParam(args.msgParam);
    await this.call('/v1.0/robot/groupMessages/send', {
      robotCode: this.robotCode,
      openConversationId: args.openConversationId,
      msgKey: args.msgKey,
      msgParam: args.msgParam,
    });
  }

  /** Sends one message to many users, 20 per call. */
  async batchSendToUsers(args: { userIds: string[] } & RobotApiMessage): Promise<BatchSendResult> {
    checkMsgParam(args.msgParam);
    const result: BatchSendResult = { processQueryKeys: [], invalidStaffIdList: [], flowControlledStaffIdList: [] };
    for (let i = 0; i < args.userIds.length; i += BATCH_USERS_MAX) {
      const body = (await this.call('/v1.0/robot/oToMessages/batchSend', {
        robotCode: this.robotCode,
        userIds: args.userIds.slice(i, i + BATCH_USERS_MAX),
        msgKey: args.msgKey,
        msgParam: args.msgParam,
      })) as Partial<{ processQueryKey: string; invalidStaffIdList: string[]; flowControlledStaffIdList: string[] }>;
      if (body.processQueryKey) result.processQueryKeys.push(body.processQueryKey);
      result.invalidStaffIdList.push(...(body.invalidStaffIdList ?? []));
      result.flowControlledStaffIdList.push(...(body.flowControlledStaffIdList ?? []));
    }
    return result;
  }

  /**
   * Replies through the message's sessionWebhook (same body format as the custom robot).
   * No access token: the URL carries its own session credential.
   */
  async sessionWebhookSend(url: string, body: unknown): Promise<void> {
    if (!this.ownsSessionWebhook(url)) {
      throw new PlatformError(`钉钉会话回复地址不在配置的域名下：${hostOf(url)}`, { platform: 'dingtalk', code: 'foreign-host', retryable: false });
    }
    checkOapiResult(await postJson(this.http, url, body), '钉钉会话回复');
  }

  ownsSessionWebhook(url: string): boolean {
    return isPlatformUrl(url, this.opts.oapiBase ?? DEFAULT_OAPI_BASE);
  }

  /**
   * oapi `media/upload?type=file` (multipart field `media`) with the app's access token → media_id.
   * DingTalk keeps the file for a while; the id goes into a sampleFile message.
   */
  async uploadMedia(name: string, data: Uint8Array): Promise<string> {
    const base = (this.opts.oapiBase ?? DEFAULT_OAPI_BASE).replace(/\/+$/, '');
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get();
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(data)]), name);
      const res = await sendForm(this.http, `${base}/media/upload?access_token=${encodeURIComponent(token)}&type=file`, form);
      const body = res.body as { errcode?: unknown; media_id?: unknown } | undefined;
      // 40014 / 42001: the token was refused or expired (oapi codes).
      if (attempt === 0 && (body?.errcode === 40014 || body?.errcode === 42001 || res.status === 401)) {
        this.tokens.invalidate(token);
        continue;
      }
      checkOapiResult(res, '钉钉上传文件');
      if (typeof body?.media_id !== 'string') {
        throw new PlatformError('钉钉上传文件没有返回 media_id', { platform: 'dingtalk', code: 'no_media_id', retryable: false });
      }
      return body.media_id;
    }
  }

  /** `/v1.0/robot/messageFiles/download` gives a short-lived URL for a received file; the bytes are read from it. */
  async downloadMessageFile(downloadCode: string): Promise<Uint8Array> {
    const body = (await this.call('/v1.0/robot/messageFiles/download', { downloadCode, robotCode: this.robotCode })) as { downloadUrl?: unknown };
    if (typeof body.downloadUrl !== 'string') {
      throw new PlatformError('钉钉没有返回文件下载地址', { platform: 'dingtalk', code: 'no_download_url', retryable: false });
    }
    let res: Response;
    try {
      res = await this.http.fetch(body.downloadUrl, { signal: AbortSignal.timeout(this.http.timeoutMs * 3) });
    } catch {
      throw new PlatformError('钉钉文件下载失败：网络错误或超时', { platform: 'dingtalk', code: 'network', retryable: true });
    }
    if (!res.ok) throw new PlatformError(`钉钉文件下载失败：HTTP ${res.status}`, { platform: 'dingtalk', code: res.status, retryable: res.status >= 500 });
    return new Uint8Array(await res.arrayBuffer());
  }

  /** POST with the token; a rejected token is dropped, refreshed and the call tried once more. */
  private async call(path: string, body: unknown): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get();
      const res = await postJson(this.http, this.apiBase + path, body, { 'x-acs-dingtalk-access-token': token });
      if (attempt === 0 && isTokenRejected(res)) {
        this.tokens.invalidate(token);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return res.body ?? {};
      throw apiError(res, path);
    }
  }

  private async fetchToken(): Promise<{ token: string; expiresInMs: number }> {
    const path = '/v1.0/oauth2/accessToken';
    const res = await postJson(this.http, this.apiBase + path, { appKey: this.opts.appKey, appSecret: this.opts.appSecret });
    const body = res.body as { accessToken?: unknown; expireIn?: unknown } | undefined;
    if (res.status === 200 && typeof body?.accessToken === 'string') {
      const expireIn = typeof body.expireIn === 'number' ? body.expireIn : 7200;
      return { token: body.accessToken, expiresInMs: expireIn * 1000 };
    }
    if (res.status === 429 || res.status >= 500) throw apiError(res, path);
    // Any other refusal means a wrong appKey/appSecret: retrying will not fix it.
    throw new PlatformError(`钉钉获取 accessToken 失败：HTTP ${res.status} ${apiCodeOf(res.body) ?? ''}`.trim(), {
      platform: 'dingtalk', code: apiCodeOf(res.body) ?? res.status, retryable: false,
    });
  }
}

function checkMsgParam(msgParam: string): void {
  const bytes = Buffer.byteLength(msgParam, 'utf8');
  if (bytes > MSG_PARAM_MAX_BYTES) {
    throw new PlatformError(`钉钉消息过长：msgParam ${bytes} 字节，上限 ${MSG_PARAM_MAX_BYTES}`, {
      platform: 'dingtalk', code: 'msgParam.too.long', retryable: false,
    });
  }
}
