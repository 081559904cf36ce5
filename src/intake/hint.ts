/**
 * After a page opened new requests: the optional model's suggestion (category and a one-line
 * summary) goes to the center's staff only, as a note they may follow with 受理. It runs outside
 * the page's transaction (it waits on the network) and is bounded by the model's timeout.
 */
import type { Config } from '../config/config.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Store } from '../store/store.ts';
import type { AskIntakeHint } from '../understand/intake-hint.ts';
import { staffRecipients } from './notices.ts';
import { customerTexts } from './tickets.ts';

export interface HintDeps {
  store: Store;
  config: Config;
  hint: AskIntakeHint;
  onOutbox?: () => void;
}

export async function hintStaff(deps: HintDeps, ticketIds: readonly string[], now: Date): Promise<void> {
  for (const id of ticketIds) {
    const ticket = deps.store.get('tickets', id);
    if (!ticket) continue;
    const hint = await deps.hint(customerTexts(ticket).join('\n'));
    if (!hint) continue;
    const text = `【诉求 ${id}】模型建议（仅供参考）：类别 ${hint.category}；摘要：${hint.summary}\n同意该类别可发：受理 ${id} 类别:${hint.category}`;
    await deps.store.transact({ actor: 'kf', action: 'kf:hint', source: `kf-hint:${id}` }, (tx) => {
      staffRecipients(deps.config).forEach((to, i) => enqueue(tx, now, { to, text, idempotencyKey: `kf-hint:${id}:${i}` }));
    });
    deps.onOutbox?.();
  }
}
