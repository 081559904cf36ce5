/**
 * The optional private model (any OpenAI-compatible chat-completions endpoint, such as the
 * DeepSeek or Qwen deployments governments run). Off unless all three variables are set.
 */
export interface ModelSettings {
  /** e.g. https://llm.example.gov.cn/v1 — the only host anything is sent to. */
  apiBase: string;
  model: string;
  apiKey: string;
  /** After this the rules' answer stands (LLM_TIMEOUT_MS, default 8000). */
  timeoutMs: number;
}

export type ModelEnv = { on: true; settings: ModelSettings } | { on: false; problem?: string };

const DEFAULT_TIMEOUT_MS = 8000;

export function readModelEnv(env: Record<string, string | undefined> = process.env): ModelEnv {
  const names = ['LLM_API_BASE', 'LLM_MODEL', 'LLM_API_KEY'] as const;
  const set = names.filter((n) => env[n]?.trim());
  if (set.length === 0) return { on: false };
  if (set.length < names.length) {
    return { on: false, problem: `模型配置不完整：已设置 ${set.join('、')}，缺少 ${names.filter((n) => !set.includes(n)).join('、')}，未启用模型。` };
  }
  const apiBase = env.LLM_API_BASE!.trim().replace(/\/+$/u, '');
  if (!/^https?:\/\/[^/\s]+/u.test(apiBase)) return { on: false, problem: 'LLM_API_BASE 应为 http(s):// 开头的地址，未启用模型。' };
  const timeout = Number(env.LLM_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  return {
    on: true,
    settings: { apiBase, model: env.LLM_MODEL!.trim(), apiKey: env.LLM_API_KEY!.trim(), timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS },
  };
}
