import type { InboundHandler } from '../channel.ts';
import type { Replier } from './reply.ts';
import type { Interpretation, RobotMessage } from './robot-message.ts';

export interface RobotPipeline {
  handle: InboundHandler;
  reply: Replier;
}

/**
 * The one path a validated robot message takes, whether it came by HTTP callback or Stream:
 * answer what we cannot act on, hand the rest to the core, send its replies back.
 * Resolves after handle() resolved and the replies were attempted; rejects only if handle() did
 * (the Stream side then withholds its ack so DingTalk may push the message again).
 */
export async function processRobotMessage(msg: RobotMessage, what: Interpretation, deps: RobotPipeline): Promise<void> {
  if (what.kind === 'answer') {
    await deps.reply(msg, [{ text: what.text }]);
    return;
  }
  const replies = await deps.handle(what.inbound);
  await deps.reply(msg, replies);
}
