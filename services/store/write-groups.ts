/**
 * Writes issued while others are in flight go out together. A write starts at once when none is in
 * flight; otherwise it waits until one in flight returns, or `maxHoldMs` has passed, and then every
 * waiting write starts in the same turn of the event loop. Under a burst of card submits the writes then
 * share the event loop's and the sockets' work, which about halves what each costs the process
 * (docs/benchmarks.md, "Submit benchmark"); a write on its own never waits, and a write that hangs
 * holds the others at most `maxHoldMs`.
 */
export class WriteGroups {
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly maxHoldMs = 5) {}

  async run<T>(write: () => Promise<T>): Promise<T> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.hold(resolve));
    this.inFlight++;
    try {
      return await write();
    } finally {
      this.inFlight--;
      this.release();
    }
  }

  private hold(start: () => void): void {
    this.waiting.push(start);
    if (!this.timer) {
      this.timer = setTimeout(() => this.release(), this.maxHoldMs);
      this.timer.unref();
    }
  }

  /** starts every waiting write */
  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const starting = this.waiting;
    this.waiting = [];
    for (const start of starting) start();
  }
}
