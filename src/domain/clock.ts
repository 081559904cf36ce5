/**
 * The one place that reads the wall clock. Everything else takes a `Clock` from whoever built it:
 * the service and the CLI build one here (`systemClock`) and hand it to createApp; the rehearsal
 * console (`npm run chat -- --at …`) and the tests hand it a settable one instead. A module that
 * read the wall clock on its own would disagree with the app's time under the rehearsal clock and
 * make tests depend on the day they run (test/domain/clock.test.ts scans src/ and commands/ for it).
 */
export type Clock = () => Date;

/** The machine's time. Only entry points (src/main.ts, the CLI) should use it. */
export const systemClock: Clock = () => new Date();

/**
 * The machine's time in ms, for transport concerns only: platform tokens, signature windows, rate
 * windows and session webhooks expire in the platforms' real time, whatever the app's clock says.
 */
export const systemMillis: () => number = () => systemClock().getTime();

/** Milliseconds since the epoch by a clock — for rate limits and token lifetimes that count in ms. */
export function millisOf(clock: Clock): () => number {
  return () => clock().getTime();
}

/** A clock that stands at `start` until moved: the rehearsal console's `/time` and the tests use it. */
export class SettableClock {
  private at: Date;

  constructor(start: Date) {
    this.at = new Date(start.getTime());
  }

  readonly now: Clock = () => new Date(this.at.getTime());

  set(to: Date): void {
    this.at = new Date(to.getTime());
  }
}
