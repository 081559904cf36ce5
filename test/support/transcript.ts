import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../src/app.ts';
import type { ChannelSender, SendTarget } from '../../src/outbox/sender.ts';
import type { Config } from '../../src/config/config.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { CommandDef } from '../../src/core/command.ts';
import type { OutboundMessage } from '../../src/domain/types.ts';
import type { ModelSettings } from '../../src/understand/model-env.ts';
import type { SenderRateOptions } from '../../src/core/sender-rate.ts';
import type { StoreOptions } from '../../src/store/store.ts';

/** What the bot sent to someone other than the speaker, as a person would read it. */
export interface Push {
  to: string;
  text: string;
  message: OutboundMessage;
}

class RecordingSender implements ChannelSender {
  readonly family = 'console' as const;
  readonly pushes: Push[] = [];
  async send(message: OutboundMessage, target: SendTarget): Promise<void> {
    const to = target.kind === 'person' ? target.person.name : target.kind === 'group' ? target.group.name : target.externalUserId;
    this.pushes.push({ to, text: message.text, message });
  }
}

export interface TestBot {
  app: App;
  config: Config;
  /** Everything pushed so far (cleared by takePushes). */
  pushes: Push[];
  /** Says `text` as `person` (name, role label or id) in `chat` ('single' or a group's id/name); returns the reply text. */
  say(person: string, chat: string, text: string): Promise<string>;
  takePushes(): Push[];
  clock: { now: Date; set(iso: string): void; advanceMs(ms: number): void };
  /** Restart on the same data directory (a clean stop unless `crash`). */
  restart(options?: { crash?: boolean }): Promise<void>;
  close(): Promise<void>;
  dataDir: string;
}

let counter = 0;

/**
 * The transcript helper: a bot on the demo config with a temporary data directory and a fake
 * clock, driven through the same entry point the channels use.
 */
export async function createTestBot(options: { at?: string; dataDir?: string; config?: Config; commands?: readonly CommandDef[]; model?: ModelSettings; rateLimit?: SenderRateOptions; store?: StoreOptions } = {}): Promise<TestBot> {
  const config = options.config ?? loadConfig();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'fuyuan-bot-'));
  const clock = {
    now: new Date(options.at ?? '2026-11-23T09:00:00+08:00'),
    set(iso: string) {
      this.now = new Date(iso);
    },
    advanceMs(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const sender = new RecordingSender();
  const build = () => createApp({ config, dataDir, senders: [sender], clock: () => clock.now, ...(options.commands ? { commands: options.commands } : {}), ...(options.model ? { model: options.model } : {}), ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}), ...(options.store ? { store: options.store } : {}) });
  let app = await build();
  const t: TestBot = {
    get app() {
      return app;
    },
    config,
    pushes: sender.pushes,
    dataDir,
    clock,
    async say(personRef, chat, text) {
      const person = config.findPerson(personRef);
      if (!person) throw new Error(`test: unknown person ${personRef}`);
      const group = chat === 'single' ? undefined : config.groups.find((g) => g.id === chat || g.name.includes(chat));
      if (chat !== 'single' && !group) throw new Error(`test: unknown group ${chat}`);
      const senderId = person.ids.console ?? person.id;
      const replies = await app.bot.handle({
        channel: 'console',
        messageId: `t${++counter}`,
        chatKind: group ? 'group' : 'single',
        chatId: group ? (group.ids.console ?? group.id) : senderId,
        senderId,
        text,
        receivedAt: clock.now,
      });
      await app.outbox.runOnce();
      return replies.map((r) => r.text).join('\n');
    },
    takePushes() {
      return sender.pushes.splice(0, sender.pushes.length);
    },
    async restart(opts = {}) {
      if (opts.crash) {
        await app.outbox.stop();
        (app.store as unknown as { lock: { release(): void } }).lock.release();
      } else await app.close();
      app = await build();
    },
    async close() {
      await app.close();
    },
  };
  return t;
}
