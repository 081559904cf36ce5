/** The few sentences the transport itself says to people. */
export const TEXTS = {
  /** Answer to images, voice, files …: the bot reads commands, nothing else. */
  onlyText: '目前只能看懂文字消息，请直接输入文字命令，例如「帮助」。',
  /** aibot enter_chat (the first visit of the day to the single chat). */
  welcome: '您好，我是府院联动助手。输入「帮助」查看可以使用的命令。',
  /** aibot long connection: the open stream shown while a slow command is still running. */
  working: '正在处理，请稍候…',
  /** …and how that stream ends when the handling failed outright. */
  failed: '处理时出了问题，请稍后再试，或联系系统管理员。',
  /** Fallback state of a clicked card when the reply has no text. */
  cardDone: '已处理',
} as const;
