import type { WecomAibotEnv, WecomAppEnv } from '../../../src/config/env.ts';

/**
 * Fake WeCom credentials for the proof runs. They look like the real ones (a 43-character
 * EncodingAESKey, a corp id, a secret) so the real crypto and clients accept them, and they are
 * distinctive, so the log scan can look for them.
 */
export const FAKE_WECOM = {
  corpId: 'wwproofcorp000001',
  agentId: 1000002,
  secret: 'proof-app-secret-9f8e7d6c5b4a',
  token: 'ProofCallbackToken42',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  aibotToken: 'ProofAibotToken77',
  aibotAesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
} as const;

export function wecomAppEnv(apiBase: string): WecomAppEnv {
  const f = FAKE_WECOM;
  return { corpId: f.corpId, agentId: f.agentId, secret: f.secret, token: f.token, aesKey: f.aesKey, apiBase };
}

export function wecomAibotEnv(apiBase: string): WecomAibotEnv {
  return { mode: 'http', token: FAKE_WECOM.aibotToken, aesKey: FAKE_WECOM.aibotAesKey, apiBase };
}

/** The same credentials as environment variables, for a child process running src/main.ts. */
export function wecomProcessEnv(apiBase: string): Record<string, string> {
  const f = FAKE_WECOM;
  return {
    WECOM_CORP_ID: f.corpId,
    WECOM_AGENT_ID: String(f.agentId),
    WECOM_APP_SECRET: f.secret,
    WECOM_APP_TOKEN: f.token,
    WECOM_APP_AES_KEY: f.aesKey,
    WECOM_AIBOT_TOKEN: f.aibotToken,
    WECOM_AIBOT_AES_KEY: f.aibotAesKey,
    WECOM_API_BASE: apiBase,
  };
}
