// A running hash over the processed events' (time, tag), as OMNeT++ fingerprints do:
// two runs with the same fingerprint processed the same events in the same order.
// Two independent 32-bit FNV-1a style lanes give a 64-bit digest without BigInt.

const FNV_PRIME = 0x01000193;

/** Accumulates a digest of (time, tag) pairs in order. */
export class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x2f1a7c35;
  private readonly tagHashes = new Map<string, number>();
  private lastTag = '';
  private lastHash = hashString('');

  /** Folds one processed event into the digest. */
  add(time: number, tag: string): void {
    // Runs of events share a tag, so one comparison usually saves the map lookup.
    let h = this.lastHash;
    if (tag !== this.lastTag) {
      h = this.tagHashes.get(tag) ?? hashString(tag);
      this.tagHashes.set(tag, h);
      this.lastTag = tag;
      this.lastHash = h;
    }
    const lo = time % 0x100000000;
    const hi = Math.floor(time / 0x100000000);
    this.a = Math.imul(this.a ^ lo, FNV_PRIME);
    this.a = Math.imul(this.a ^ hi, FNV_PRIME);
    this.a = Math.imul(this.a ^ h, FNV_PRIME);
    this.b = Math.imul(this.b ^ h, 0x5bd1e995);
    this.b = Math.imul(this.b ^ lo, 0x5bd1e995) ^ (this.b >>> 15);
  }

  /** The digest so far, as 16 hex digits. */
  digest(): string {
    return hex32(this.a) + hex32(this.b);
  }
}

/** FNV-1a over a string's UTF-16 code units, as an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
