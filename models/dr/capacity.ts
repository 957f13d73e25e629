// Compute capacity for recoveries (a region's `cores`): VMs recovered into a region away from
// home take cores there; a VM gives them back when it leaves the region again or is lost there
// (a VM failure or deletion). A VM short of cores waits: the first waiter (in the order they
// started waiting) that fits takes the cores freed, at the instant they are freed. Regions
// without a `cores` figure have no limit.

/** A VM waiting for cores in a region; `cancel` when it came back another way. */
export interface CoreWaiter {
  readonly region: string;
  readonly cores: number;
  /** Called once, when a release makes its cores fit: it takes them if it still needs them. */
  readonly served: () => void;
  cancelled: boolean;
}

/** The cores left per region and the VMs waiting for them. */
export class Capacity {
  private readonly left = new Map<string, number>();
  private readonly waiting: CoreWaiter[] = [];

  /** `cores` per region (regions left out have no limit). */
  constructor(cores: ReadonlyMap<string, number>) {
    for (const [region, n] of cores) this.left.set(region, n);
  }

  /** Takes `cores` in `region`; false (nothing taken) when short. */
  take(region: string, cores: number): boolean {
    const left = this.left.get(region);
    if (left === undefined) return true;
    if (left < cores) return false;
    this.left.set(region, left - cores);
    return true;
  }

  /**
   * Gives `cores` back in `region` and tells the waiters they now fit, in order; each takes
   * them itself (take) if it still needs them, and what it leaves goes on to the next.
   */
  release(region: string, cores: number): void {
    const left = this.left.get(region);
    if (left === undefined) return;
    this.left.set(region, left + cores);
    for (let i = 0; i < this.waiting.length; ) {
      const w = this.waiting[i];
      if (w.cancelled) {
        this.waiting.splice(i, 1);
        continue;
      }
      if (w.region === region && this.left.get(region)! >= w.cores) {
        this.waiting.splice(i, 1);
        w.served();
        continue;
      }
      i++;
    }
  }

  /** Queues a VM for `cores` in `region`; `served` runs (once) when a release makes them fit. */
  wait(region: string, cores: number, served: () => void): CoreWaiter {
    const w: CoreWaiter = { region, cores, served, cancelled: false };
    this.waiting.push(w);
    return w;
  }

  /** Whether `region` has a cores limit. */
  limited(region: string): boolean {
    return this.left.has(region);
  }
}
