// The future-event list: a binary min-heap keyed by (time, seq), with the keys kept
// inline in typed arrays. DESIGN.md "Shared modelling decisions": typed-array keys ran
// 2–3× faster than a heap of event objects and allocate nothing per event. The heap
// stores an integer payload (a slot number) next to each key; what a slot means is the
// caller's business.

const INITIAL_CAPACITY = 64;

/** A min-heap of (time, seq, slot) triples ordered by time, then seq. */
export class EventQueue {
  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private slots = new Int32Array(INITIAL_CAPACITY);
  private count = 0;

  /** Number of entries in the heap. */
  get size(): number {
    return this.count;
  }

  /** Time of the smallest entry; only meaningful when size > 0. */
  topTime(): number {
    return this.times[0];
  }

  /** Slot of the smallest entry; only meaningful when size > 0. */
  topSlot(): number {
    return this.slots[0];
  }

  /**
   * Adds an entry. Each push must carry a seq larger than every seq pushed before (the
   * kernel's counter does), which makes the order total and lets sift-up compare times
   * only: an equal time already in the heap always has the smaller seq.
   */
  push(time: number, seq: number, slot: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    // Sift up: move parents down until the hole is where the new key belongs.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt <= time) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Removes the smallest entry and returns its slot (-1 when empty). */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.slots[0];
    const last = --this.count;
    if (last > 0) this.siftDown(this.times[last], this.seqs[last], this.slots[last], last);
    return top;
  }

  /** Drops every entry. */
  clear(): void {
    this.count = 0;
  }

  /** Bytes held by the heap's arrays (for the bench's bytes-per-event figure). */
  byteSize(): number {
    return this.times.byteLength + this.seqs.byteLength + this.slots.byteLength;
  }

  private siftDown(time: number, seq: number, slot: number, n: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = times[child];
      let cs = seqs[child];
      const right = child + 1;
      if (right < n) {
        const rt = times[right];
        if (rt < ct || (rt === ct && seqs[right] < cs)) {
          child = right;
          ct = rt;
          cs = seqs[right];
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      slots[i] = slots[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    slots.set(this.slots);
    this.times = times;
    this.seqs = seqs;
    this.slots = slots;
  }
}
