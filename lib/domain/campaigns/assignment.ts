// Reproducible random assignment to the holdout or a variant: a 32-bit integer hash of
// (campaign seed, member id, salt). The SQL side calls the very same function, registered on the
// connection as rk_arm_hash (see db/segments.ts), so queueing in SQL and this code always agree.

const MASK32 = 4294967295;
const GOLDEN = 2654435761; // Knuth's multiplicative constant
const MIX = 73244475; // 0x45d9f3b, a well-mixing odd multiplier
export const HOLDOUT_SALT = 0x68;
export const VARIANT_SALT = 0x76;

/** Hash in [0, 2^32) of (seed, memberId, salt). */
export function armHash(seed: number, memberId: number, salt: number): number {
  let x = (Math.imul(memberId, GOLDEN | 0) + ((seed ^ Math.imul(salt, 0x9e3779b1)) >>> 0)) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, MIX) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, MIX) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x;
}

/** Bucket 0–99 used against whole-number percentages. */
export function armBucket(seed: number, memberId: number, salt: number): number {
  return armHash(seed, memberId, salt) % 100;
}

/** Name of the SQL function (registered by db/segments.ts) computing armHash(seed, memberId, salt). */
export const ARM_HASH_SQL_FN = 'rk_arm_hash';

export type VariantSplit = { id: number; splitPct: number };

/** The variant for a bucket: cumulative splits (in the given order) over 0–99. */
export function variantForBucket(bucket: number, variants: readonly VariantSplit[]): number {
  let upTo = 0;
  for (const v of variants) {
    upTo += v.splitPct;
    if (bucket < upTo) return v.id;
  }
  throw new Error('variant splits must add up to 100');
}

/** Holdout (null) or a variant id for one member. */
export function assignArm(seed: number, memberId: number, holdoutPct: number, variants: readonly VariantSplit[]): number | null {
  if (armBucket(seed, memberId, HOLDOUT_SALT) < holdoutPct) return null;
  return variantForBucket(armBucket(seed, memberId, VARIANT_SALT), variants);
}

/** SQL CASE giving the variant id (NULL = holdout) for a member column, mirroring assignArm. */
export function assignArmSql(
  memberIdColumn: string,
  seed: number,
  holdoutPct: number,
  variants: readonly VariantSplit[],
): string {
  if (variants.reduce((s, v) => s + v.splitPct, 0) !== 100) throw new Error('variant splits must add up to 100');
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MASK32) throw new Error('seed must be a 32-bit unsigned integer');
  const hb = `${ARM_HASH_SQL_FN}(${seed}, ${memberIdColumn}, ${HOLDOUT_SALT}) % 100`;
  const vb = `${ARM_HASH_SQL_FN}(${seed}, ${memberIdColumn}, ${VARIANT_SALT}) % 100`;
  let upTo = 0;
  const whens = variants.map((v) => {
    upTo += v.splitPct;
    return `WHEN ${vb} < ${upTo} THEN ${Math.trunc(v.id)}`;
  });
  return `CASE WHEN ${hb} < ${Math.trunc(holdoutPct)} THEN NULL ${whens.join(' ')} END`;
}
