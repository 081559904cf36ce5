import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Config } from '../../config/config.ts';
import type { GroupChat, InboundMessage, Person } from '../../domain/types.ts';
import { ROLE_LABELS } from '../../core/permissions.ts';
import type { Clock } from '../../domain/clock.ts';
import type { InboundHandler } from '../channel.ts';
import { formatCard } from './format.ts';
import { indent } from './console-sender.ts';

export interface ConsoleChatOptions {
  config: Config;
  handle: InboundHandler;
  /** The app's clock: a message is received at the app's time (the rehearsal clock's, in 演练). */
  clock: Clock;
  /** More slash commands (the rehearsal console's /time): name → help line and what it does. */
  slashCommands?: Record<string, ConsoleSlashCommand>;
  input?: Readable;
  output?: Writable;
  /** Called after each message, so pushes are printed right after the reply. */
  afterMessage?: () => Promise<unknown>;
}

export interface ConsoleSlashCommand {
  help: string;
  /** Runs the command; every line it returns is printed. */
  run(arg: string): Promise<string[]>;
}

const HELP = [
  '本地控制台：像在企业微信/钉钉里一样和助手对话。',
  '  /as <人>      切换说话的人（名称、角色如“办公室主任”“区税务局联络员”，或 id）',
  '  /in <群>      切换到某个群（如“/in 联络员群”）；/in 单聊 回到与助手的单聊',
  '  /who          现在是谁、在哪里说话',
  '  /people       列出可以切换的人',
  '  /quit         退出',
  '一行末尾写 \\ 可以接着写下一行（纪要等多行命令）。其他内容都作为消息发给助手。',
].join('\n');

/**
 * The local channel: read lines from a terminal or a pipe, speak as any configured person in a
 * single chat or a configured group, and print every reply and push.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { config, handle } = options;
  const out = options.output ?? process.stdout;
  const rl = createInterface({ input: options.input ?? process.stdin, terminal: false });
  let person: Person = config.peopleWithRole('director')[0] ?? config.people[0]!;
  let group: GroupChat | undefined;
  let pending = '';
  const write = (text: string) => out.write(`${text}\n`);
  const help = [HELP, ...Object.values(options.slashCommands ?? {}).map((c) => c.help)].join('\n');
  const where = () => (group ? `${group.name}（群）` : '与助手的单聊');
  write(`府院联动助手 · 本地控制台（/help 查看用法）。现在是 ${person.name}，在${where()}。`);

  for await (const rawLine of rl) {
    const line = rawLine.replace(/\r$/, '');
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)}\n`;
      continue;
    }
    const text = (pending + line).trim();
    pending = '';
    // A line starting with # is a comment (scripts and the README's rehearsal walk).
    if (!text || text.startsWith('#')) continue;
    if (text.startsWith('/')) {
      const [cmd, ...rest] = text.slice(1).split(/\s+/);
      const arg = rest.join(' ');
      if (cmd === 'quit' || cmd === 'exit') break;
      const extra = cmd ? options.slashCommands?.[cmd] : undefined;
      if (extra) for (const l of await extra.run(arg)) write(l);
      else if (cmd === 'help') write(help);
      else if (cmd === 'who') write(`现在是 ${person.name}（${person.roles.map((r) => ROLE_LABELS[r]).join('、')}），在${where()}。`);
      else if (cmd === 'people') write(config.people.map((p) => `  ${p.id}  ${p.name}`).join('\n'));
      else if (cmd === 'as') {
        const found = config.findPerson(arg);
        if (found) {
          person = found;
          write(`现在是 ${person.name}，在${where()}。`);
        } else write(`没有找到“${arg}”。用 /people 查看可以切换的人。`);
      } else if (cmd === 'in') {
        if (!arg || arg === '单聊') group = undefined;
        else {
          const found = config.groups.find((g) => g.id === arg || g.name.includes(arg) || g.ids.console === arg);
          if (found) group = found;
          else write(`没有找到群“${arg}”。已配置的群：${config.groups.map((g) => g.name).join('、') || '无'}`);
        }
        write(`现在在${where()}。`);
      } else write(`不认识“/${cmd}”。${help}`);
      continue;
    }
    const consoleId = person.ids.console ?? person.id;
    const msg: InboundMessage = {
      channel: 'console',
      messageId: randomUUID(),
      chatKind: group ? 'group' : 'single',
      chatId: group ? (group.ids.console ?? group.id) : consoleId,
      senderId: consoleId,
      text,
      receivedAt: options.clock(),
    };
    const replies = await handle(msg);
    for (const r of replies) {
      write(`🤖 ${person.name} ← 助手：\n${indent(r.text)}${r.card ? `\n${formatCard(r.card)}` : ''}`);
    }
    await options.afterMessage?.();
  }
  rl.close();
}
