import { COMMANDS } from '../commands/index.ts';
import type { ChannelSender } from './channels/channel.ts';
import type { Config } from './config/config.ts';
import { Bot } from './core/bot.ts';
import type { CommandDef } from './core/command.ts';
import { WorkingCalendar } from './domain/calendar/working-days.ts';
import { stageAttachment } from './imports/stage.ts';
import { OutboxWorker } from './outbox/worker.ts';
import { loadStoredArrangements } from './scheduler/calendar-store.ts';
import { Store, type StoreOptions } from './store/store.ts';
import { tellAdminsWhenWritesRecover } from './store/write-problem-notice.ts';

export interface AppOptions {
  config: Config;
  dataDir: string;
  senders: ChannelSender[];
  clock?: () => Date;
  commands?: readonly CommandDef[];
  store?: StoreOptions;
}

export interface App {
  config: Config;
  store: Store;
  calendar: WorkingCalendar;
  bot: Bot;
  outbox: OutboxWorker;
  close(): Promise<void>;
}

/**
 * Wires the platform-free parts together: store, calendar, dispatcher and outbox. The service
 * (main.ts), the CLI and the tests all build the bot through here, so they run the same code.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const store = await Store.open(options.dataDir, { ...options.store, ...(options.clock ? { clock: options.clock } : {}) });
  try {
    const calendar = new WorkingCalendar({ overrides: config.calendarOverrides });
    // Arrangements an admin entered with `calendar set` (after the config's: the later act wins).
    store.warnings.push(...loadStoredArrangements(store, calendar));
    const outbox = new OutboxWorker({ store, config, senders: options.senders, ...(options.clock ? { clock: options.clock } : {}) });
    tellAdminsWhenWritesRecover(store, config, () => outbox.wake());
    const bot = new Bot({
      config,
      store,
      calendar,
      commands: options.commands ?? COMMANDS,
      ...(options.clock ? { clock: options.clock } : {}),
      onOutbox: () => outbox.wake(),
      // A file a liaison sends (a unit's list) is staged for `导入` (src/imports/stage.ts).
      onAttachment: stageAttachment({ store, config, ...(options.clock ? { clock: options.clock } : {}) }),
    });
    return {
      config,
      store,
      calendar,
      bot,
      outbox,
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
