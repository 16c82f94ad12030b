import type { ErrorCode } from '@navette/contracts';

/** The languages problems are written in; the first is the default. */
export const PROBLEM_LANGUAGES = ['en', 'fr'] as const;
export type ProblemLanguage = (typeof PROBLEM_LANGUAGES)[number];

/** A code's title, and its detail when the occurrence has no English message to show (fr). */
interface ProblemText {
  title: string;
  /** The detail in this language; `field` is the field at fault, when one is. */
  detail: (field: string | undefined) => string;
}

const champ = (field: string | undefined) => (field ? ` (champ « ${field} »)` : '');

/**
 * The title and detail of every error code, per language. English details are the occurrence's own
 * message (it names what failed); French ones are written per code, naming the field at fault.
 */
export const problemCatalogue: Record<ProblemLanguage, Record<ErrorCode, ProblemText>> = {
  en: {
    VALIDATION_FAILED: { title: 'The request is not valid', detail: () => 'The request is not valid.' },
    UNAUTHENTICATED: { title: 'Authentication required', detail: () => 'Log in and send the token.' },
    FORBIDDEN: { title: 'Not allowed', detail: () => 'You may not do this.' },
    NOT_FOUND: { title: 'Not found', detail: () => 'Nothing is there.' },
    CONFLICT: { title: 'Conflict', detail: () => 'This conflicts with the current state.' },
    OUT_OF_TERRITORY: { title: 'Outside every territory', detail: () => 'No territory serves this place.' },
    OUTSIDE_SERVICE_HOURS: { title: 'Outside service hours', detail: () => 'The service is closed then.' },
    OFFER_NOT_PENDING: {
      title: 'The offer is no longer pending',
      detail: () => 'The offer was answered or expired.',
    },
    PAYLOAD_TOO_LARGE: { title: 'Request body too large', detail: () => 'The request body is too large.' },
    UNSUPPORTED_MEDIA_TYPE: { title: 'Unsupported media type', detail: () => 'Send application/json.' },
    IDEMPOTENCY_KEY_REUSED: {
      title: 'Idempotency key reused',
      detail: () => 'This key was used with another request.',
    },
    RATE_LIMITED: { title: 'Too many requests', detail: () => 'Wait a little and try again.' },
    PLANNER_UNAVAILABLE: {
      title: 'Planner unavailable',
      detail: () => 'No planner answered: try again shortly.',
    },
    VOLUNTEER_LIMIT: {
      title: 'Beyond your own limits',
      detail: () => 'This shift is beyond the limits you declared.',
    },
    UNKNOWN_EVENT: { title: 'Unknown event', detail: () => 'The server does not know this event.' },
    INTERNAL: { title: 'Internal error', detail: () => 'Something went wrong on our side.' },
  },
  fr: {
    VALIDATION_FAILED: {
      title: 'La requête n’est pas valide',
      detail: (field) => `La requête n’est pas valide${champ(field)}.`,
    },
    UNAUTHENTICATED: {
      title: 'Authentification requise',
      detail: () => 'Connectez-vous et envoyez le jeton.',
    },
    FORBIDDEN: { title: 'Action non autorisée', detail: () => 'Vous ne pouvez pas faire ceci.' },
    NOT_FOUND: { title: 'Introuvable', detail: () => 'Rien ne se trouve ici.' },
    CONFLICT: { title: 'Conflit', detail: () => 'Ceci contredit l’état actuel.' },
    OUT_OF_TERRITORY: {
      title: 'Hors de tout territoire',
      detail: (field) => `Aucun territoire ne dessert ce lieu${champ(field)}.`,
    },
    OUTSIDE_SERVICE_HOURS: {
      title: 'Hors des heures de service',
      detail: (field) => `Le service est fermé à cette heure${champ(field)}.`,
    },
    OFFER_NOT_PENDING: {
      title: 'L’offre n’est plus en attente',
      detail: () => 'L’offre a déjà reçu une réponse ou a expiré.',
    },
    PAYLOAD_TOO_LARGE: {
      title: 'Corps de requête trop volumineux',
      detail: () => 'Le corps de la requête est trop volumineux.',
    },
    UNSUPPORTED_MEDIA_TYPE: {
      title: 'Type de contenu non pris en charge',
      detail: () => 'Envoyez du application/json.',
    },
    IDEMPOTENCY_KEY_REUSED: {
      title: 'Clé d’idempotence réutilisée',
      detail: () => 'Cette clé a servi pour une autre requête.',
    },
    RATE_LIMITED: { title: 'Trop de requêtes', detail: () => 'Patientez un peu, puis réessayez.' },
    PLANNER_UNAVAILABLE: {
      title: 'Planificateur indisponible',
      detail: () => 'Aucun planificateur n’a répondu : réessayez bientôt.',
    },
    VOLUNTEER_LIMIT: {
      title: 'Au-delà de vos propres limites',
      detail: (field) => `Ce créneau dépasse les limites que vous avez déclarées${champ(field)}.`,
    },
    UNKNOWN_EVENT: { title: 'Événement inconnu', detail: () => 'Le serveur ne connaît pas cet événement.' },
    INTERNAL: { title: 'Erreur interne', detail: () => 'Un problème est survenu de notre côté.' },
  },
};

/**
 * The language of the first tag of `Accept-Language` (by quality) that the catalogue has; English
 * when none is, or without the header. `fr-CA;q=0.8, en;q=0.5` → fr.
 */
export function problemLanguage(acceptLanguage: string | undefined): ProblemLanguage {
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return {
        language: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
        index,
      };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { language } of ranges) {
    const known = PROBLEM_LANGUAGES.find((l) => l === language);
    if (known) return known;
  }
  return 'en';
}

/** The problem type URI of a code: `urn:navette:problem:not-found`. */
export const problemType = (code: ErrorCode) =>
  `urn:navette:problem:${code.toLowerCase().replaceAll('_', '-')}`;
