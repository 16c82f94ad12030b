/**
 * Tit for two tats: one failure is forgiven; two failures in a row, judged by the same person about
 * the same counterpart, stop those two being matched until a coordinator clears it.
 * `judgements` are that author's outcomes about that subject, newest first (true = went well).
 */
export function blocksPair(judgements: readonly boolean[]): boolean {
  return judgements.length >= 2 && judgements[0] === false && judgements[1] === false;
}
