import { editDistance, maxEdits } from '../catalog/distance';

/** The closest of `candidates` to a misspelt `name`, when it is close enough to be the one meant. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const max = maxEdits(lower.length);
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase(), max);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** ` Did you mean 'x'?`, or nothing. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const match = closest(name, candidates);
  return match ? ` Did you mean '${match}'?` : '';
}
