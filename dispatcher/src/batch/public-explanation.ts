import type { Explanation } from '@navette/matching';

/** The explanation as stored and shown to coordinators: terms and reasons, no internal indices. */
export function publicExplanation(explanation: Explanation) {
  return {
    stage: explanation.stage,
    terms: explanation.terms,
    total: explanation.total,
    others: explanation.others.slice(0, 10),
    ...(explanation.waitingFor ? { waitingFor: explanation.waitingFor } : {}),
  };
}
