import { z } from 'zod';
import { defineCommand, paramsOf } from '../src/core/command.ts';
import { deniedMessage, mayRun } from '../src/core/permissions.ts';
import { findCommand, suggestCommand } from '../src/core/suggest.ts';
import { echoText } from '../src/render/echo.ts';

export default defineCommand({
  name: '帮助',
  aliases: ['help', '？', '?', '菜单'],
  summary: '查看您能用的命令，或某个命令的写法',
  usage: '帮助 [命令]',
  examples: ['帮助', '帮助 登记'],
  audience: ['everyone'],
  params: { topic: { label: '命令', positional: true, hint: '命令名称，如 登记' } },
  schema: z.object({ topic: z.string().optional() }),
  run(ctx) {
    const { topic } = ctx.args;
    if (!topic) {
      const mine = ctx.commands.filter((c) => mayRun(c, ctx.person));
      const lines = mine.map((c) => `· ${c.name} — ${c.summary}`);
      ctx.reply(`您可以用这些命令（发“帮助 命令名”看写法）：\n${lines.join('\n')}\n参数写成 键:值，冒号全角半角都可以；含空格的值请加引号。`);
      return;
    }
    const def = findCommand(topic, ctx.commands) ?? suggestCommand(topic, ctx.commands)?.def;
    if (!def) {
      ctx.reply(`没有“${echoText(topic)}”这个命令。发“帮助”查看您能用的命令。`);
      return;
    }
    const params = paramsOf(def).map(([, p]) => `  ${p.positional ? '（直接写）' : `${p.label}:`} ${p.hint}`);
    const allowed = mayRun(def, ctx.person) ? '' : `\n注意：${deniedMessage(def)}`;
    ctx.reply(
      [`「${def.name}」${def.summary}`, `写法：${def.usage}`, ...(params.length ? ['参数：', ...params] : []), `例如：\n  ${def.examples.join('\n  ')}`].join('\n') + allowed,
    );
  },
});
