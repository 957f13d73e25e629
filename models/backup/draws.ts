// Private streams' next values drawn a block at a time. With 10,000 items a stream's state is
// rarely in the processor's cache when a job needs one draw; drawing sixteen at once pays that
// once per block. The values are those drawing one at a time would give, as long as nothing
// else draws from the stream (each VM's jitter and snapshot-time streams serve only it).

/** The next values of a few draw functions, made `block` at a time and handed out in order. */
export class DrawAhead {
  // Per draw function k: its cursor at k, then its block at count + k × block.
  private readonly values: Float64Array;

  constructor(
    private readonly draws: readonly (() => number)[],
    private readonly block = 16,
  ) {
    this.values = new Float64Array(draws.length * (block + 1));
    this.values.fill(block, 0, draws.length);
  }

  /** The next value of draw function k, as calling it now would return it. */
  take(k: number): number {
    const values = this.values;
    const at = this.draws.length + k * this.block;
    if (values[k] === this.block) {
      const draw = this.draws[k];
      for (let i = 0; i < this.block; i++) values[at + i] = draw();
      values[k] = 0;
    }
    return values[at + values[k]++];
  }
}
