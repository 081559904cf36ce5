import type { InboundMessage, Reply } from '../domain/types.ts';

/**
 * The one entry point channels call. It acts on a message exactly once: a second delivery of the
 * same (channel, messageId) resolves with the replies of the first without acting again.
 * It resolves only when every change the replies confirm is durable.
 */
export type InboundHandler = (msg: InboundMessage) => Promise<Reply[]>;

