import type { Clock } from '../../services/ports/clock';

/** Real time moved to a chosen instant: it ticks like the wall clock (so real timers and HTTP work), and can jump ahead. */
export class ShiftedClock implements Clock {
  private offset: number;
  constructor(start: Date | string, offsetMs?: number) {
    this.offset = offsetMs ?? new Date(start).getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
  get offsetMs(): number {
    return this.offset;
  }
}
