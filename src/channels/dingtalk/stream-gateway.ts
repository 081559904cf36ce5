import type { DWClient } from 'dingtalk-stream';
import { z } from 'zod';
import { PlatformError } from '../../outbox/platform-error.ts';
import type { Logger } from '../../log/log.ts';
import { type HttpOptions, postJson } from './http.ts';

/** Where a Stream client asks for its WebSocket endpoint (DingTalk Stream protocol, reference §7). */
export const GATEWAY_PATH = '/v1.0/gateway/connections/open';

const endpointSchema = z.object({ endpoint: z.string().min(1), ticket: z.string().min(1) });

/**
 * dingtalk-stream (2.1.5) opens a connection in two steps: POST the credentials and subscriptions to
 * a constant https://api.dingtalk.com/v1.0/gateway/connections/open, then open the WebSocket the
 * answer names. With the constant, DINGTALK_API_BASE never reached Stream mode, so a private
 * deployment (or a test gateway) could not be used. This replaces the client's first step with the
 * same request sent to the configured base, through our HTTP helper and its time-out (the SDK's
 * request has none). The second step, the socket, its acks and its reconnects stay the SDK's.
 * A failure throws, and the SDK's connect() retries as it does for its own request.
 */
export function routeGatewayThrough(client: DWClient, options: { apiBase: string; http: HttpOptions; logger: Logger }): void {
  const url = `${options.apiBase.replace(/\/+$/, '')}${GATEWAY_PATH}`;
  const internals = client as unknown as { dw_url?: string };
  client.getEndpoint = async function getEndpoint() {
    const { clientId, clientSecret, ua, subscriptions } = client.config;
    let failure: PlatformError;
    try {
      const res = await postJson(options.http, url, { clientId, clientSecret, ua, subscriptions });
      const answer = endpointSchema.safeParse(res.body);
      if (res.status === 200 && answer.success) {
        internals.dw_url = `${answer.data.endpoint}?ticket=${encodeURIComponent(answer.data.ticket)}`;
        return client;
      }
      failure = new PlatformError(`钉钉 Stream 网关拒绝了连接请求（HTTP ${res.status}）`, { platform: 'dingtalk', code: res.status, retryable: true });
    } catch (err) {
      failure = err instanceof PlatformError ? err : new PlatformError('钉钉 Stream 网关请求失败', { platform: 'dingtalk', retryable: true });
    }
    options.logger.warn({ url, code: failure.details.code }, 'dingtalk stream: gateway did not give an endpoint; the SDK retries');
    throw failure;
  };
}
