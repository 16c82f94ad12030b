import type { MatchExplanation, WaitReason } from '@navette/contracts';
import type { MessageParams } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';

/** Looks a message up (the page's `locale.t`). */
export type Words = (key: MessageKey, params?: MessageParams) => string;

/** The reason codes this page words itself; any other is worded generically with its code. */
const KNOWN_CODES = new Set([
  'no-driver-on-shift',
  'capacity',
  'time-window',
  'max-ride-time',
  'shift-end',
  'route-duration',
  'excluded-by-rule',
  'costlier',
  'taken-by-another-request',
  'blocked-after-two-failures',
  'pair-blocked',
  'not-connected',
  'position-stale',
  'no-position',
  'resting',
  'yields-to-worse-served-zone',
  'asked-before',
  'own-ride',
  'busy',
  'no-pooling',
  'trust-distance',
  'territory-not-yet',
  'weekly-limit',
  'quiet-hours',
  'suspended',
  'ride-not-waiting',
  'not-on-shift',
]);

/** One of the engine's reason codes in words (`resting` → "Resting after missed offers"). */
export function reasonWords(code: string, t: Words): string {
  return KNOWN_CODES.has(code) ? t(`why.code.${code}` as MessageKey) : t('why.code.other', { code });
}

/**
 * Why a ride waits, one line per reason with how many drivers it kept away; with none yet, that it
 * waits for an answer (`offered`) or for the engine.
 */
export function waitLines(why: readonly WaitReason[], t: Words, offered = false): string[] {
  if (why.length === 0) return [t(offered ? 'why.offered' : 'why.none')];
  return why.map(({ code, drivers }) => {
    const reason = reasonWords(code, t);
    if (drivers === 0) return reason;
    return drivers === 1 ? t('why.one', { reason }) : t('why.many', { reason, n: drivers });
  });
}

/** Beyond this many trust steps the engine does not search (its `MAX_TRUST_SEARCH`). */
const MAX_TRUST_SEARCH = 4;

const percent = (fraction: number) => Math.round(Math.max(0, Math.min(1, fraction)) * 100);

/** One cost term of the engine in words (`trust` 2 → "Trust distance 2: a friend of a friend"). */
export function termWords(term: { name: string; value: number }, t: Words): string {
  const { name, value } = term;
  switch (name) {
    case 'travel':
      return t('term.travel', { minutes: Math.max(0, Math.round(value / 60)) });
    case 'pickup-wait':
      return t('term.pickup-wait', { minutes: Math.max(0, Math.round(value / 60)) });
    case 'trust':
      if (value > MAX_TRUST_SEARCH) return t('term.trust.far');
      if (value <= 0) return t('term.trust.0');
      if (value === 1) return t('term.trust.1');
      if (value === 2) return t('term.trust.2');
      return t('term.trust.n', { n: value, between: value - 1 });
    case 'reach':
      return t(value <= 0 ? 'term.reach.0' : value === 1 ? 'term.reach.1' : 'term.reach.2');
    case 'waiting':
      return value < 0.05 ? t('term.waiting.fresh') : t('term.waiting', { percent: Math.round(value * 100) });
    case 'zone-priority':
      return value > 0.005
        ? t('term.zone-priority', { percent: percent(1 - value) })
        : t('term.zone-priority.even');
    case 'driver-load':
      return t(
        value > 0.05
          ? 'term.driver-load.more'
          : value < -0.05
            ? 'term.driver-load.less'
            : 'term.driver-load.even',
      );
    default:
      return t('term.other', { name, value: Math.round(value * 100) / 100 });
  }
}

/** An explanation's terms, in words, each with what it weighed (value × weight, in seconds of driving). */
export function explanationLines(
  explanation: MatchExplanation,
  t: Words,
): { words: string; weighs: number }[] {
  return explanation.terms.map((term) => ({
    words: termWords(term, t),
    weighs: Math.round(term.value * term.weight),
  }));
}
