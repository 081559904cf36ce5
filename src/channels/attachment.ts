import type { InboundAttachment } from '../domain/types.ts';

/**
 * A file that came with a message, as channels hand it to the core. The download lives in a
 * private field and a method, not in the object's data: a stored copy of the message (the core
 * keeps a deferred message for a restart; stores copy with structuredClone and JSON) is then
 * `{ name }` alone instead of failing on a function.
 */
export class ChannelAttachment implements InboundAttachment {
  readonly name: string;
  readonly #download: () => Promise<Uint8Array>;

  constructor(name: string, download: () => Promise<Uint8Array>) {
    this.name = name;
    this.#download = download;
  }

  fetch(): Promise<Uint8Array> {
    return this.#download();
  }
}
