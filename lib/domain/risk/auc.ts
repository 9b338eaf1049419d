// Area under the ROC curve from counts per score: the chance that a member who went on to become
// dormant or cancelled scored above one who did not (ties count half). Integer scores make the
// whole backtest a histogram of at most 101 rows.

export type ScoreCounts = { score: number; positives: number; negatives: number };

/** AUC of the scores against the outcome; null when either class is empty. */
export function aucFromCounts(rows: readonly ScoreCounts[]): number | null {
  const sorted = [...rows].sort((a, b) => a.score - b.score);
  let negativesBelow = 0;
  let wins = 0;
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < sorted.length; ) {
    let p = 0;
    let n = 0;
    const score = sorted[i]!.score;
    for (; i < sorted.length && sorted[i]!.score === score; i++) {
      p += sorted[i]!.positives;
      n += sorted[i]!.negatives;
    }
    wins += p * (negativesBelow + n / 2);
    negativesBelow += n;
    positives += p;
    negatives += n;
  }
  if (positives === 0 || negatives === 0) return null;
  return wins / (positives * negatives);
}
