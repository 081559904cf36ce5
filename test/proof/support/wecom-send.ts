import { parseXml } from '../../../src/channels/wecom/xml.ts';
import { appTextXml, type SignedRequest, wecomCallbackClient } from '../../fakes/wecom-callbacks.ts';
import { FAKE_WECOM } from './wecom-env.ts';

export const appClient = wecomCallbackClient({ token: FAKE_WECOM.token, encodingAESKey: FAKE_WECOM.aesKey, receiveId: FAKE_WECOM.corpId });

/** A signed, encrypted text message to the app callback; built once, so a retry is byte-identical. */
export function appMessage(from: string, text: string, msgId: string, createTime = 1_790_000_000): SignedRequest {
  return appClient.encryptedAppCallback(appTextXml({ corpId: FAKE_WECOM.corpId, from, content: text, msgId, createTime }));
}

export type SendResult =
  | { ok: true; status: 200; /** The passive reply's text; undefined when the bot answered later (deferred). */ reply?: string }
  | { ok: false; status?: number; error: string };

/** POSTs a callback the way WeCom does and opens the passive reply. */
export async function postApp(baseUrl: string, req: SignedRequest, timeoutMs = 20_000): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/wecom/app?${req.query}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    return { ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  let body: string;
  try {
    body = await res.text();
  } catch (err) {
    return { ok: false, status: res.status, error: `body: ${String(err)}` };
  }
  if (res.status !== 200) return { ok: false, status: res.status, error: body.slice(0, 200) };
  if (body === '') return { ok: true, status: 200 };
  return { ok: true, status: 200, reply: parseXml(appClient.openXmlReply(body)).Content ?? '' };
}
