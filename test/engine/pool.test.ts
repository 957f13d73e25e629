import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Lease, Pool, type Request } from '../../engine/pool.js';
import { Simulation } from '../../engine/simulation.js';

/** At `at`, asks for a slot, holds it `hold` ms, and logs grant and release times. */
function client(sim: Simulation, pool: Pool, log: string[], name: string, at: number, hold: number) {
  const seen = { request: null as Request | null, lease: null as Lease | null };
  sim.at(at, () => {
    seen.request = pool.acquire((s, lease) => {
      seen.lease = lease;
      log.push(`${name}+${s.now}`);
      s.after(hold, (t) => {
        log.push(`${name}-${t.now}`);
        lease.release();
      });
    });
  });
  return seen;
}

describe('Pool', () => {
  it('grants through a zero-delay event, not inside acquire()', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1 });
    let granted = false;
    const r = pool.acquire(() => {
      granted = true;
    });
    expect(granted).toBe(false);
    expect(r.state).toBe('waiting');
    expect(pool.inUse).toBe(1);
    sim.run();
    expect(granted).toBe(true);
    expect(r.state).toBe('granted');
  });

  it('grants waiting requests in FIFO order of request', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1 });
    const log: string[] = [];
    client(sim, pool, log, 'a', 0, 100);
    client(sim, pool, log, 'c', 20, 100);
    client(sim, pool, log, 'b', 10, 100);
    client(sim, pool, log, 'd', 20, 100);
    sim.run();
    expect(log).toEqual(['a+0', 'a-100', 'b+100', 'b-200', 'c+200', 'c-300', 'd+300', 'd-400']);
    // Waits: b 90, c 180, d 280.
    expect(pool.totalWaitTime).toBe(550);
    expect(pool.granted).toBe(4);
    expect(pool.maxInUse).toBe(1);
    expect(pool.inUse).toBe(0);
  });

  it('runs up to `slots` holders at once', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 2 });
    const log: string[] = [];
    for (const [i, name] of ['a', 'b', 'c'].entries()) client(sim, pool, log, name, i, 100);
    sim.run(5);
    expect(pool.inUse).toBe(2);
    expect(pool.waiting).toBe(1);
    sim.run();
    expect(log).toEqual(['a+0', 'b+1', 'a-100', 'c+100', 'b-101', 'c-200']);
  });

  it('skips a cancelled waiting request', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1 });
    const log: string[] = [];
    const a = client(sim, pool, log, 'a', 0, 100);
    const b = client(sim, pool, log, 'b', 10, 100);
    client(sim, pool, log, 'c', 20, 100);
    sim.at(50, () => {
      expect(pool.waiting).toBe(2);
      expect(pool.cancel(b.request!)).toBe(true);
      expect(pool.cancel(b.request!)).toBe(false);
      expect(pool.cancel(a.request!)).toBe(false);
      expect(pool.waiting).toBe(1);
    });
    sim.run();
    expect(log).toEqual(['a+0', 'a-100', 'c+100', 'c-200']);
    expect(b.request!.state).toBe('cancelled');
    expect(b.lease).toBeNull();
  });

  it('hands the slot on when a request is cancelled before its grant event fires', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1 });
    let aGranted = false;
    let bAt = -1;
    const a = pool.acquire(() => {
      aGranted = true;
    });
    pool.acquire((s) => {
      bAt = s.now;
    });
    expect(pool.cancel(a)).toBe(true);
    sim.run();
    expect(aGranted).toBe(false);
    expect(bAt).toBe(0);
    expect(pool.inUse).toBe(1);
  });

  it('keeps FIFO order across many cancellations (queue compaction)', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1 });
    const order: number[] = [];
    const requests: Request[] = [];
    for (let i = 0; i < 200; i++) {
      requests.push(
        pool.acquire((s, lease) => {
          order.push(lease.request.id);
          s.after(1, () => lease.release());
        }),
      );
    }
    // Cancel every id not divisible by 3, in an order unrelated to the queue's.
    for (let i = 199; i >= 1; i--) if (i % 3 !== 0) pool.cancel(requests[i]);
    expect(pool.waiting).toBe(66);
    sim.run();
    expect(order).toEqual(Array.from({ length: 67 }, (_, k) => 3 * k));
  });

  it('throws on a double release', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1 });
    pool.acquire((_, lease) => {
      lease.release();
      expect(lease.released).toBe(true);
      expect(() => lease.release()).toThrow(/released twice/);
    });
    sim.run();
    expect(pool.inUse).toBe(0);
  });

  it('rejects a slot count that is not an integer >= 1, naming the value', () => {
    const sim = new Simulation();
    expect(() => new Pool(sim, { name: 'p', slots: 0 })).toThrow(
      new RangeError('pool slots must be an integer >= 1, got 0'),
    );
    for (const slots of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Pool(sim, { name: 'p', slots })).toThrow(RangeError);
    }
  });
});

describe('Pool.tryAcquire', () => {
  it('takes a free slot at once, with no kernel event', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 2 });
    const lease = pool.tryAcquire();
    expect(lease).not.toBeNull();
    expect(lease!.request.state).toBe('granted');
    expect(lease!.grantedAt).toBe(0);
    expect(pool.inUse).toBe(1);
    expect(pool.granted).toBe(1);
    expect(pool.maxInUse).toBe(1);
    expect(sim.pending).toBe(0);
    // A granted request cannot be cancelled; its lease is released as any other.
    expect(pool.cancel(lease!.request)).toBe(false);
    lease!.release();
    expect(pool.inUse).toBe(0);
    expect(() => lease!.release()).toThrow(/released twice/);
  });

  it('returns null when every slot is held or reserved, leaving acquire() to queue', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1 });
    const log: string[] = [];
    // acquire() reserves the slot at once (its grant is a pending zero-delay event).
    pool.acquire((s, lease) => {
      log.push(`a+${s.now}`);
      s.after(10, () => lease.release());
    });
    expect(pool.tryAcquire()).toBeNull();
    sim.run(5);
    expect(pool.tryAcquire()).toBeNull();
    pool.acquire((s) => log.push(`b+${s.now}`));
    sim.run();
    expect(log).toEqual(['a+0', 'b+10']);
    expect(pool.tryAcquire()).toBeNull(); // b never released
  });

  it('hands a slot it releases to the first waiter, as acquire() leases do', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1 });
    const log: string[] = [];
    sim.at(0, () => {
      const lease = pool.tryAcquire()!;
      pool.acquire((s) => log.push(`w+${s.now}`));
      sim.after(7, () => lease.release());
    });
    sim.run();
    expect(log).toEqual(['w+7']);
    expect(pool.totalWaitTime).toBe(7);
    expect(pool.granted).toBe(2);
  });
});

describe('Pool with handoff', () => {
  it('hands a released slot to the first waiter inside release(), with no kernel event', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1, handoff: true });
    const log: string[] = [];
    const first = pool.tryAcquire()!;
    const waiting = pool.acquire((s, lease) => {
      log.push(`w+${s.now}`);
      expect(lease.request).toBe(waiting);
      expect(pool.inUse).toBe(1);
    });
    sim.at(7, () => {
      log.push('release');
      first.release();
      log.push('released');
      expect(waiting.state).toBe('granted');
      expect(sim.pending).toBe(0);
    });
    sim.run();
    expect(log).toEqual(['release', 'w+7', 'released']);
    expect(sim.processed).toBe(1);
    expect(waiting.lease!.grantedAt).toBe(7);
    expect(pool.totalWaitTime).toBe(7);
    expect(pool.granted).toBe(2);
    expect(pool.waiting).toBe(0);
  });

  it('still grants acquire() with a free slot through a zero-delay event', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1, handoff: true });
    let granted = false;
    pool.acquire(() => {
      granted = true;
    });
    expect(granted).toBe(false);
    sim.run();
    expect(granted).toBe(true);
    expect(sim.processed).toBe(1);
  });

  it('runs a handoff made inside a granted handler after that handler returns, in FIFO order', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 2, handoff: true });
    const log: string[] = [];
    const a = pool.tryAcquire()!;
    const b = pool.tryAcquire()!;
    // c, d and e queue; c releases the slot it is handed from inside its handler.
    pool.acquire((_, lease) => {
      log.push('c+');
      lease.release(); // hands c's slot to d, once this handler returns
      log.push('c-');
    });
    pool.acquire(() => log.push('d+'));
    pool.acquire(() => log.push('e+'));
    sim.at(5, () => {
      a.release();
      log.push('a released');
      b.release();
      log.push('b released');
    });
    sim.run();
    // a's slot goes to c, c's to d (inside a's release), b's to e.
    expect(log).toEqual(['c+', 'c-', 'd+', 'a released', 'e+', 'b released']);
    expect(pool.inUse).toBe(2);
    expect(pool.maxInUse).toBe(2);
  });

  it('skips a waiter cancelled while its handoff waits behind a running handler', () => {
    const sim = new Simulation();
    const pool = new Pool(sim, { name: 'p', slots: 1, handoff: true });
    const log: string[] = [];
    const a = pool.tryAcquire()!;
    let cRequest: ReturnType<Pool['acquire']> | null = null;
    pool.acquire((_, lease) => {
      log.push('b+');
      lease.release(); // c's handoff waits for this handler
      expect(pool.cancel(cRequest!)).toBe(true); // so its slot goes on to d
      log.push('b-');
    });
    cRequest = pool.acquire(() => log.push('c+'));
    pool.acquire(() => log.push('d+'));
    sim.at(1, () => a.release());
    sim.run();
    expect(log).toEqual(['b+', 'b-', 'd+']);
    expect(cRequest.state).toBe('cancelled');
    expect(pool.inUse).toBe(1);
    expect(pool.granted).toBe(3);
  });
});

describe('Pool properties', () => {
  const aClient = fc.record({
    at: fc.integer({ min: 0, max: 200 }),
    hold: fc.integer({ min: 0, max: 60 }),
    cancelAt: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  });

  it('should never have more than `slots` holders, and should always grant in request order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(aClient, { maxLength: 40 }),
        fc.boolean(),
        (slots, clients, handoff) => {
          const sim = new Simulation();
          const pool = new Pool(sim, { name: 'p', slots, handoff });
          const requests: Request[] = [];
          const grantedIds: number[] = [];
          let holders = 0;
          for (const c of clients) {
            sim.at(c.at, () => {
              const r = pool.acquire((s, lease) => {
                holders++;
                grantedIds.push(lease.request.id);
                expect(holders).toBeLessThanOrEqual(slots);
                expect(pool.inUse).toBeLessThanOrEqual(slots);
                s.after(c.hold, () => {
                  holders--;
                  lease.release();
                });
              });
              requests.push(r);
              // Work conserving: a request waits only while every slot is taken.
              if (pool.waiting > 0) expect(pool.inUse).toBe(slots);
              if (c.cancelAt !== undefined) sim.at(Math.max(c.at, c.cancelAt), () => pool.cancel(r));
            });
          }
          sim.run();
          // FIFO: grants happen in increasing request id, whatever was cancelled.
          expect(grantedIds).toEqual([...grantedIds].sort((x, y) => x - y));
          expect(requests.every((r) => r.state !== 'waiting')).toBe(true);
          expect(pool.granted).toBe(requests.filter((r) => r.state === 'granted').length);
          expect(pool.maxInUse).toBeLessThanOrEqual(slots);
          expect(pool.inUse).toBe(0);
          expect(pool.waiting).toBe(0);
          const waits = requests.reduce(
            (sum, r) => sum + (r.lease ? r.lease.grantedAt - r.requestedAt : 0),
            0,
          );
          expect(pool.totalWaitTime).toBe(waits);
        },
      ),
    );
  });
});
