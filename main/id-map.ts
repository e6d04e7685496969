// A map from integer ids (CXone agent ids) to values, for 100,000 entries and more, insert-only.
//
// Why not one Map: a JS Map rehashes every entry when it doubles, synchronously. At 65,536 agents
// that was a 15–30 ms block of the main process inside one slice of a first list (issue 15, bench
// (b)); a Map cannot be presized. Here the ids are spread over SHARDS maps (see BUCKET_SHARD), so the
// largest rehash is a small part of that. IdMap also keeps its values in insertion order (IdIndex,
// for the client's page collector, keeps none).

const SHARDS = 32;
/**
 * Which shard a hash bucket (the top 10 bits of a multiplicative hash of the id's low 32 bits — ids in
 * strides, every 7th or every 32nd, still spread) belongs to. Shares are uneven on purpose, from 1/23
 * to 1/46 of the ids (the same ratio between neighbours): shards of equal size would all cross a
 * power of two — and rehash — in the same slice of a list, as much work as one Map's rehash. Spread
 * over an octave of sizes, they rehash one or two at a time.
 */
const BUCKET_SHARD = ((): Uint8Array => {
  const table = new Uint8Array(1024);
  const weights = Array.from({ length: SHARDS }, (_, i) => 2 ** (-i / SHARDS));
  const total = weights.reduce((a, b) => a + b, 0);
  let shard = 0;
  let upTo = weights[0]! / total;
  for (let b = 0; b < 1024; b++) {
    while ((b + 0.5) / 1024 > upTo && shard < SHARDS - 1) upTo += weights[++shard]! / total;
    table[b] = shard;
  }
  return table;
})();
const shardOf = (id: number) => BUCKET_SHARD[Math.imul(id | 0, 0x9e3779b1) >>> 22]!;

/**
 * Integer ids (CXone agent ids) to values, over SHARDS maps (see BUCKET_SHARD); insert-only, no order
 * kept. What the client's page collector needs to find an agent listed twice.
 */
export class IdIndex<V> {
  private readonly shards: Map<number, V>[] = Array.from({ length: SHARDS }, () => new Map<number, V>());
  private count = 0;

  get(id: number): V | undefined {
    return this.shards[shardOf(id)]!.get(id);
  }

  /** Adds an id that is not in the index yet (an id already present is a programming error: throws). */
  add(id: number, value: V): void {
    const shard = this.shards[shardOf(id)]!;
    if (shard.has(id)) throw new Error(`id ${id} is already present`);
    shard.set(id, value);
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  /** Each shard's size (for tests of the spread). */
  shardSizes(): number[] {
    return this.shards.map((s) => s.size);
  }

  clear(): void {
    for (const s of this.shards) s.clear();
    this.count = 0;
  }
}

/**
 * An IdIndex that also keeps its values in the order their ids were added (the order a Map iterates
 * in, which the roster's snapshot lists agents in). One array: every array that grows with the index
 * is copied into fresh memory at each step, the costliest part of adding 100,000 (issue 15).
 */
export class IdMap<V> extends IdIndex<V> {
  private readonly inOrder: V[] = [];

  override add(id: number, value: V): void {
    super.add(id, value);
    this.inOrder.push(value);
  }

  /** Values in the order their ids were added (read-only view; do not keep it across add/clear). */
  values(): readonly V[] {
    return this.inOrder;
  }

  override clear(): void {
    super.clear();
    this.inOrder.length = 0;
  }
}
