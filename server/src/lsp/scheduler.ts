// Keystrokes arrive far faster than a re-check finishes: each document waits
// for a pause in typing, and every change to the engine runs one at a time so
// that an edit can never interleave with a (yielding) workspace load.

/** Per-key debounce: scheduling a key again cancels its pending run. */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  schedule(key: string, fn: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        fn();
      }, this.delayMs),
    );
  }

  cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** Runs tasks strictly in order; a failing task is reported and never blocks the next. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly onError: (e: unknown) => void) {}

  run<T>(task: () => T | Promise<T>): Promise<T | undefined> {
    const next = this.tail.then(task).catch((e: unknown) => {
      this.onError(e);
      return undefined;
    });
    this.tail = next;
    return next;
  }
}

/** Debounce delay for document changes; tests may shorten it through the environment. */
export function debounceDelay(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ZUUL_LSP_DEBOUNCE_MS;
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : 150;
}
