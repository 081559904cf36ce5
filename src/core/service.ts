/**
 * Something that runs in the background beside the HTTP server (the scheduler, housekeeping).
 * Features export a starter; the composition root (src/services.ts) lists and starts them.
 */
export interface Service {
  stop(): Promise<void>;
}
