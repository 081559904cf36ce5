import { expect } from 'vitest';
import { PlatformError } from '../../src/outbox/platform-error.ts';

/** Awaits `p`, which must reject with a PlatformError, and returns that error for closer checks. */
export async function platformError(p: Promise<unknown>): Promise<PlatformError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformError);
    return err as PlatformError;
  }
  throw new Error('expected a PlatformError');
}
