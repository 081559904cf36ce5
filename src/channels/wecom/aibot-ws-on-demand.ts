import type { WecomAibotWs, WecomAibotWsDeps } from './aibot-ws.ts';

/**
 * The 智能机器人 long connection, with its SDK (@wecom/aibot-node-sdk) loaded only when the mode is
 * `ws`, and without holding up start-up: the handle is returned at once and its calls wait for the
 * connection object. Before it exists it reports not connected, as the real one does while connecting.
 */
export function startWecomAibotWsOnDemand(deps: WecomAibotWsDeps): WecomAibotWs {
  let ws: WecomAibotWs | undefined;
  const started = import('./aibot-ws.ts').then(({ startWecomAibotWs }) => (ws = startWecomAibotWs(deps)));
  return {
    get connected() {
      return ws?.connected ?? false;
    },
    sendToChat: async (chatId, markdown) => (await started).sendToChat(chatId, markdown),
    stop: async () => (await started).stop(),
  };
}
