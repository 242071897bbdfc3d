// The rule engine's bucket and experiment assignment (docs/rules.md
// "Bucketing", sdk/rules/bucket.cpp), so the seed data holds out exactly the
// users the SDK would hold out.
const MASK = (1n << 64n) - 1n;

export function bucket(userId, seed) {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(`${seed}:${userId}`)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & MASK;
  }
  h ^= h >> 33n; h = (h * 0xff51afd7ed558ccdn) & MASK;
  h ^= h >> 33n; h = (h * 0xc4ceb9fe1a85ec53n) & MASK;
  h ^= h >> 33n;
  return Number(h % 10000n);
}

// The variant id of `userId` in the guide's experiment, or 'holdout'.
export function assignVariant(experiment, guideId, userId) {
  const weights = experiment.variants.map((v) => v.weight ?? 1);
  const total = weights.reduce((s, w) => s + w, 0);
  if (!userId || total === 0) return 'holdout';
  const b = bucket(userId, experiment.salt || `${guideId}/experiment`);
  const held = Math.round(experiment.holdout_percent * 100);
  if (b < held) return 'holdout';
  const position = Math.floor((b - held) * total / (10000 - held));
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i];
    if (position < cumulative) return experiment.variants[i].id;
  }
  return experiment.variants[weights.length - 1].id;
}
