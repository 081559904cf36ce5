import { COMMANDS } from '../commands/index.ts';
import type { ChannelSender } from './outbox/sender.ts';
import type { Config } from './config/config.ts';
import { Bot } from './core/bot.ts';
import type { CommandDef } from './core/command.ts';
import { WorkingCalendar } from './domain/calendar/working-days.ts';
import type { Clock } from './domain/clock.ts';
import { stageAttachment } from './imports/stage.ts';
import { OutboxWorker } from './outbox/worker.ts';
import { loadStoredArrangements } from './scheduler/calendar-store.ts';
import { Store, type StoreOptions } from './store/store.ts';
import { createModelAsk } from './understand/model.ts';
import type { ModelSettings } from './understand/model-env.ts';
import { createUnderstander } from './understand/understand.ts';
import type { SenderRateOptions } from './core/sender-rate.ts';
import { tellAdminsWhenWritesRecover } from './outbox/write-problem-notice.ts';

export interface AppOptions {
  config: Config;
  dataDir: string;
  senders: ChannelSender[];
  /** The app's one clock (src/domain/clock.ts): systemClock in service, a settable one in rehearsal and tests. */
  clock: Clock;
  /** Per-sender limit on changing commands (core/sender-rate.ts); main.ts sets it from the environment. */
  rateLimit?: SenderRateOptions;
  commands?: readonly CommandDef[];
  store?: StoreOptions;
  /** The optional private model for words the rules cannot place (off when absent). */
  model?: ModelSettings;
}

export interface App {
  config: Config;
  store: Store;
  calendar: WorkingCalendar;
  bot: Bot;
  outbox: OutboxWorker;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * Wires the platform-free parts together: store, calendar, dispatcher and outbox. The service
 * (main.ts), the CLI and the tests all build the bot through here, so they run the same code.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const store = await Store.open(options.dataDir, { ...options.store, clock: options.clock });
  try {
    const calendar = new WorkingCalendar({ overrides: config.calendarOverrides });
    // Arrangements an admin entered with `calendar set` (after the config's: the later act wins).
    store.warnings.push(...loadStoredArrangements(store, calendar));
    const outbox = new OutboxWorker({ store, config, senders: options.senders, clock: options.clock });
    const commands = options.commands ?? COMMANDS;
    tellAdminsWhenWritesRecover(store, config, () => outbox.wake());
    const bot = new Bot({
      config,
      store,
      calendar,
      commands,
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      clock: options.clock,
      onOutbox: () => outbox.wake(),
      // A file a liaison sends (a unit's list) is staged for `导入` (src/imports/stage.ts).
      onAttachment: stageAttachment({ store, config, clock: options.clock }),
      // Words that are not a command become a proposed command line (src/understand).
      understand: createUnderstander({ config, calendar, commands, ...(options.model ? { fallback: createModelAsk(options.model, commands) } : {}) }),
    });
    return {
      config,
      store,
      calendar,
      bot,
      outbox,
      clock: options.clock,
      async close() {
        await outbox.stop();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
