// The log backups a SQL database keeps in the vault (docs/reference.md §12.3): runs
// of consecutive 15-minute (or longer) logs of the same size and base full, not one record per
// log. A database keeping 7 days of 15-minute logs holds about 8 runs, not 672 records, and a
// day's logs are filed, expired and counted in a few operations.

/** A full backup as its dependent logs see it: when it was taken, and until when something depends on it. */
export interface LogBase {
  readonly takenAt: number;
  /** The latest expiry (sim ms) of a log or differential based on it. */
  dependUntil: number;
}

// Consecutive logs at first, first + every, …: `count` of them, each `bytes`, landed
// `duration` after its slot, all based on `base`.
interface Run {
  first: number;
  count: number;
  bytes: number;
  duration: number;
  base: LogBase;
}

/** A database's retained log backups, oldest first. */
export class LogChain {
  private runs: Run[] = [];
  private head = 0;
  /** Retained logs. */
  count = 0;
  /** Their bytes. */
  bytes = 0;

  constructor(
    /** Interval between log slots (ms). */
    readonly every: number,
    /** How long each log is kept after it lands (ms). */
    readonly retention: number,
  ) {}

  /** Files the log of slot t (after the last filed one): `bytes` landed at t + duration, based on `base`. */
  append(t: number, bytes: number, duration: number, base: LogBase): void {
    const last = this.runs.length > this.head ? this.runs[this.runs.length - 1] : undefined;
    if (
      last !== undefined &&
      last.base === base &&
      last.bytes === bytes &&
      last.duration === duration &&
      last.first + last.count * this.every === t
    )
      last.count++;
    else this.runs.push({ first: t, count: 1, bytes, duration, base });
    this.count++;
    this.bytes += bytes;
    const expires = t + duration + this.retention;
    if (expires > base.dependUntil) base.dependUntil = expires;
  }

  /** Removes the logs whose retention has run out by `now`; returns the bytes removed. */
  expire(now: number): number {
    let removed = 0;
    while (this.head < this.runs.length) {
      const r = this.runs[this.head];
      const firstExpiry = r.first + r.duration + this.retention;
      if (firstExpiry > now) break;
      const n = Math.min(r.count, Math.floor((now - firstExpiry) / this.every) + 1);
      removed += n * r.bytes;
      this.count -= n;
      r.count -= n;
      r.first += n * this.every;
      if (r.count > 0) break;
      this.head++;
    }
    if (this.head > 16 && this.head * 2 > this.runs.length) {
      this.runs = this.runs.slice(this.head);
      this.head = 0;
    }
    this.bytes -= removed;
    return removed;
  }

  /** Whether no log is based on `base` any more (its runs have all expired). */
  releases(base: LogBase): boolean {
    for (let k = this.head; k < this.runs.length; k++) if (this.runs[k].base === base) return false;
    return true;
  }

  /** The fulls the retained logs are based on, oldest first, each once. */
  bases(): LogBase[] {
    const out: LogBase[] = [];
    for (let k = this.head; k < this.runs.length; k++)
      if (out[out.length - 1] !== this.runs[k].base) out.push(this.runs[k].base);
    return out;
  }

  /** Every retained log's slot in order (for tests: a chain never has a gap while its logs are kept). */
  slots(): number[] {
    const out: number[] = [];
    for (let k = this.head; k < this.runs.length; k++) {
      const r = this.runs[k];
      for (let j = 0; j < r.count; j++) out.push(r.first + j * this.every);
    }
    return out;
  }
}
