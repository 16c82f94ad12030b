// My limits: trust distance, trips a week, hours offered, quiet hours (../limits-section.ts).
export const en = {
  'nav.limits': 'My limits',
  'limits.title': 'My limits',
  'limits.intro': 'What Navette keeps to when it matches you. Leave a field empty for no limit.',
  'limits.distance': 'Only ride or drive with people within',
  'limits.distanceHint':
    'Trust steps: 1 is someone you vouch for or who vouches for you, 2 someone they vouch for, and so on.',
  'limits.noLimit': 'No limit',
  'limits.steps': '{count} trust steps',
  'limits.driving': 'When I drive',
  'limits.trips': 'At most this many trips a week',
  'limits.emptyIsNone': 'Empty: no limit.',
  'limits.hours': 'Hours I offer each week',
  'limits.quiet': 'Quiet hours',
  'limits.quietHint':
    'Never asked to drive between these times, within one day (00:00 as the end is midnight).',
  'limits.quietFrom': 'From',
  'limits.quietTo': 'To',
  'limits.quietWrong': 'Quiet hours must start before they end, within one day.',
  'limits.waitingSpots': 'While idle on shift, suggest where to wait to help riders served less often',
  'limits.waitingSpotsHint': 'Off: you wait at home. A suggestion can always be declined, at no cost.',
  'limits.save': 'Save my limits',
  'limits.saved': 'Your limits are saved.',
};

export const fr: Record<keyof typeof en, string> = {
  'nav.limits': 'Mes limites',
  'limits.title': 'Mes limites',
  'limits.intro':
    'Ce que Navette respecte quand il vous associe à un trajet. Laissez un champ vide pour ne rien limiter.',
  'limits.distance': 'Ne voyager ou conduire qu’avec des personnes à au plus',
  'limits.distanceHint':
    'Pas de confiance : 1, une personne dont vous vous portez garant ou qui se porte garante de vous ; 2, une personne dont elle se porte garante, etc.',
  'limits.noLimit': 'Sans limite',
  'limits.steps': '{count} pas de confiance',
  'limits.driving': 'Quand je conduis',
  'limits.trips': 'Au plus ce nombre de trajets par semaine',
  'limits.emptyIsNone': 'Vide : sans limite.',
  'limits.hours': 'Heures que je propose chaque semaine',
  'limits.quiet': 'Heures de tranquillité',
  'limits.quietHint':
    'Jamais sollicité·e pour conduire entre ces heures, dans une même journée (00:00 comme fin signifie minuit).',
  'limits.quietFrom': 'De',
  'limits.quietTo': 'À',
  'limits.quietWrong': 'Les heures de tranquillité doivent commencer avant de finir, dans une même journée.',
  'limits.waitingSpots':
    'Pendant une pause en service, me suggérer où attendre pour aider les passagers moins souvent servis',
  'limits.waitingSpotsHint':
    'Désactivé : vous attendez chez vous. Une suggestion se refuse toujours, sans frais.',
  'limits.save': 'Enregistrer mes limites',
  'limits.saved': 'Vos limites sont enregistrées.',
};
