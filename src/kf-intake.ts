import type { App } from './app.ts';
import type { WecomKfEnv } from './config/env.ts';
import type { FetchLike } from './channels/wecom/http-json.ts';
import { kfApiFromEnv } from './channels/wecom/kf-api.ts';
import type { WecomKfWiring } from './channels/wecom/setup.ts';
import { KfIntake } from './intake/intake.ts';
import { millisOf } from './domain/clock.ts';
import { createIntakeHint } from './understand/intake-hint.ts';
import type { ModelSettings } from './understand/model-env.ts';

export interface KfIntakeSetup {
  intake: KfIntake;
  /** For setupWecom({ …, kf }): the callback hand-over, the kf client and the refusal hook. */
  wecom: WecomKfWiring;
}

/**
 * Turns the rescue-center intake on when 微信客服 is (env.wecomKf: the self-built app is on, with
 * WECOM_KF_SECRET or the app's own secret). main.ts passes `wecom` to setupWecom and calls
 * `intake.catchUp()` once the service runs.
 */
export function setupKfIntake(options: { app: App; kf: WecomKfEnv; fetch?: FetchLike; model?: ModelSettings }): KfIntakeSetup {
  const { app, kf } = options;
  const api = kfApiFromEnv(kf, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    now: millisOf(app.clock),
  });
  const intake = new KfIntake({
    store: app.store,
    config: app.config,
    calendar: app.calendar,
    api,
    // The model may only suggest a category and a summary to staff (src/intake/hint.ts).
    ...(options.model ? { hint: createIntakeHint(options.model) } : {}),
    onOutbox: () => app.outbox.wake(),
    clock: app.clock,
  });
  return { intake, wecom: { onEvent: intake.onKfEvent, api, onUndeliverable: intake.onUndeliverable } };
}
