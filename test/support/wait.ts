/** Polls until `check` stops throwing, for what happens after an answer (pushes, follow-ups). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
