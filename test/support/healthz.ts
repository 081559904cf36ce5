import { createHttpApp } from '../../src/http/app.ts';
import { listenOnLoopback } from './listen.ts';
import type { TestBot } from './transcript.ts';

/** GET /healthz of the test bot's store, served as the service serves it (no channels on). */
export async function healthz(bot: TestBot): Promise<{ status: number; body: Record<string, unknown> }> {
  const app = createHttpApp({ store: bot.app.store, routes: [], channels: { wecomApp: false, wecomAibot: false, dingtalk: false } });
  const server = await listenOnLoopback(app);
  try {
    const res = await fetch(`${server.url}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } finally {
    await server.close();
  }
}
