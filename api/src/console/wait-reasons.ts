import type { MatchExplanation, WaitReason } from '@navette/contracts';

/** The languages the API words its reasons in; anything else falls back to English. */
export type Language = 'fr' | 'en';

/**
 * The engine's reason codes in words. `{n}` is how many drivers the reason excluded. Codes come from
 * the matching core (`explain.ts`), the community rules (`community-hooks.ts`), driver availability
 * and the fair hold; `no-driver-on-shift` and `busy` are the console's own. Unknown codes are worded generically.
 */
export const WAIT_REASON_WORDS: Record<Language, Record<string, string>> = {
  en: {
    'no-driver-on-shift': 'no driver on shift',
    capacity: '{n} driver(s) without room for these seats',
    'time-window': '{n} driver(s) too far to arrive in time',
    'max-ride-time': '{n} driver(s) would make the ride too long',
    'shift-end': '{n} driver(s) ending their shift too soon',
    'route-duration': '{n} driver(s) with a route already too long',
    'excluded-by-rule': '{n} driver(s) excluded by a community rule',
    costlier: '{n} driver(s) kept for a better fit elsewhere',
    'taken-by-another-request': '{n} driver(s) taken by another ride',
    'blocked-after-two-failures': '{n} driver(s) not asked again after two failures',
    'not-connected': '{n} driver(s) not connected',
    'position-stale': '{n} driver(s) with a stale position',
    'no-position': '{n} driver(s) with no position yet',
    resting: '{n} driver(s) resting after missed offers',
    'yields-to-worse-served-zone': 'held for a zone served worse',
    'asked-before': '{n} driver(s) already asked',
    'own-ride': 'the rider’s own car',
    busy: '{n} driver(s) busy with another ride',
    'pair-blocked': '{n} driver(s) blocked for this rider',
    'no-pooling': '{n} driver(s) already carrying someone (no pooling)',
    'trust-distance': '{n} driver(s) beyond the rider’s trust distance',
    'territory-not-yet': '{n} local driver(s) preferred first; others not yet',
    other: '{n} driver(s) excluded ({code})',
  },
  fr: {
    'no-driver-on-shift': 'aucun conducteur en service',
    capacity: '{n} conducteur(s) sans place pour ces sièges',
    'time-window': '{n} conducteur(s) trop loin pour arriver à temps',
    'max-ride-time': '{n} conducteur(s) rallongeraient trop le trajet',
    'shift-end': '{n} conducteur(s) finissent leur service trop tôt',
    'route-duration': '{n} conducteur(s) ont déjà une tournée trop longue',
    'excluded-by-rule': '{n} conducteur(s) exclus par une règle de la communauté',
    costlier: '{n} conducteur(s) gardés pour une meilleure course ailleurs',
    'taken-by-another-request': '{n} conducteur(s) pris par une autre course',
    'blocked-after-two-failures': '{n} conducteur(s) non redemandés après deux échecs',
    'not-connected': '{n} conducteur(s) non connectés',
    'position-stale': '{n} conducteur(s) à la position trop ancienne',
    'no-position': '{n} conducteur(s) sans position',
    resting: '{n} conducteur(s) en pause après des offres manquées',
    'yields-to-worse-served-zone': 'retenue pour une zone moins bien desservie',
    'asked-before': '{n} conducteur(s) déjà sollicités',
    'own-ride': 'la voiture de la personne elle-même',
    busy: '{n} conducteur(s) occupés par une autre course',
    'pair-blocked': '{n} conducteur(s) bloqués pour cette personne',
    'no-pooling': '{n} conducteur(s) transportent déjà quelqu’un (pas de covoiturage)',
    'trust-distance': '{n} conducteur(s) au-delà de la distance de confiance',
    'territory-not-yet': '{n} conducteur(s) locaux d’abord ; les autres pas encore',
    other: '{n} conducteur(s) exclus ({code})',
  },
};

/** The first of fr or en named in an `Accept-Language` header (quality ignored); English otherwise. */
export function languageOf(acceptLanguage: string | undefined): Language {
  for (const tag of (acceptLanguage ?? '').split(',')) {
    const primary = tag.trim().slice(0, 2).toLowerCase();
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'en';
}

/** One reason in words. */
export function reasonText(code: string, drivers: number, language: Language): string {
  const words = WAIT_REASON_WORDS[language];
  return (words[code] ?? words.other!).replaceAll('{n}', String(drivers)).replaceAll('{code}', code);
}

/**
 * Why a ride waits, from the engine's latest unmatched explanation: its exclusion reasons counted,
 * commonest first (ties by code). The engine never sees drivers who cannot take an offer now
 * (paused, resting, busy): when it considered nobody, `unavailable` (one code per driver on shift in
 * the ride's territory: `not-connected`, `resting`, `busy`, …) says why; `no-driver-on-shift` when
 * there is none.
 */
export function waitReasons(
  explanation: MatchExplanation | null,
  unavailable: readonly string[],
  language: Language,
): WaitReason[] {
  if (!explanation) return [];
  const counts = new Map<string, number>();
  const codes = explanation.others.length > 0 ? explanation.others.map((o) => o.reason) : unavailable;
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  if (counts.size === 0) counts.set('no-driver-on-shift', 0);
  return [...counts]
    .sort(([a, n], [b, m]) => m - n || a.localeCompare(b))
    .map(([code, drivers]) => ({ code, drivers, text: reasonText(code, drivers, language) }));
}
