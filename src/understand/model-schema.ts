/**
 * What the model is given: the command table as a JSON schema of its one allowed answer, built
 * from the commands' own definitions (names, usage, parameter labels, examples) — only the
 * commands the person may run, so nothing else can come back.
 */
import { type CommandDef, paramsOf } from '../core/command.ts';
import { mayRun } from '../core/permissions.ts';
import type { Person } from '../domain/types.ts';

export function answerSchema(commands: readonly CommandDef[], person: Person): object {
  const allowed = commands.filter((c) => mayRun(c, person));
  return {
    type: 'object',
    additionalProperties: false,
    required: ['command'],
    properties: {
      command: {
        description: '一行命令，与用户的意思对应；无法对应任何命令时为空字符串。',
        anyOf: [
          { type: 'string', const: '' },
          ...allowed.map((c) => ({
            type: 'string',
            pattern: `^(${[c.name, ...(c.aliases ?? [])].join('|')})( |$)`,
            description: `${c.summary}。写法：${c.usage}。参数：${paramsOf(c).map(([, p]) => `${p.label}（${p.hint}）`).join('；')}。例：${c.examples.join(' ｜ ')}`,
          })),
        ],
      },
    },
  };
}

export function systemPrompt(today: string): string {
  return [
    '你把府院联动工作群里的一句话改写成机器人的一条命令。',
    '只能回答 JSON：{"command":"<一行命令>"}；命令必须符合给定 JSON Schema 中某一条命令的写法；不确定或不是请求时回答 {"command":""}。',
    `今天是 ${today}（北京时间）；日期写成 2026-12-31，时间写成 "2026-12-31 15:00"。不要编造编号、信用代码或单位。`,
  ].join('\n');
}
