// Takeovers (ADR 0041): the offer card's line for a ride promised to another driver, and the notice
// to the driver whose ride was taken over (takeover.ts). Merged into the driver app's catalogue (i18n.ts).
export const en = {
  'takeover.offer': 'Takes over a pickup promised to another driver: you’d be there {time} sooner.',
  'takeover.takenOver':
    'Another driver who can be there {time} sooner took over the pickup at {where}. Your route is updated.',
  'takeover.takenOverUnnamed':
    'Another driver who can be there {time} sooner took over one of your pickups. Your route is updated.',
};

export const fr: Record<keyof typeof en, string> = {
  'takeover.offer': 'Reprend un départ promis à un·e autre conducteur·rice : vous y seriez {time} plus tôt.',
  'takeover.takenOver':
    'Un·e autre conducteur·rice, qui peut y être {time} plus tôt, a repris le départ à {where}. Votre trajet est mis à jour.',
  'takeover.takenOverUnnamed':
    'Un·e autre conducteur·rice, qui peut y être {time} plus tôt, a repris un de vos départs. Votre trajet est mis à jour.',
};
