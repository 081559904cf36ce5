/**
 * WeCom gives up on a callback after 5 s and sends it again, so the callback races the core's
 * answer against a budget: in time → passive reply, too late → empty 200 now and a push later.
 */
export type Raced<T> = { inTime: true; value: T } | { inTime: false; late: Promise<T> };

export const DEFAULT_REPLY_BUDGET_MS = 3000;

/** Rejections inside the budget propagate; after it they stay with `late`. */
export function raceBudget<T>(work: Promise<T>, budgetMs: number): Promise<Raced<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ inTime: false, late: work }), budgetMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ inTime: true, value });
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
