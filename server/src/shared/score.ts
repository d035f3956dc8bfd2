/** How a score is written everywhere it is shown: `9/12`, or `3/12 (5 unknown)`. */
export function scoreLabel(score: number, unknown: number, total = 12): string {
  return unknown > 0 ? `${score}/${total} (${unknown} unknown)` : `${score}/${total}`;
}
