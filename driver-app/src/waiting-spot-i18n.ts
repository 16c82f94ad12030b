// The waiting-spot card (waiting-spot-card.ts) and its marker (driver-map.ts): where an idle driver could wait to help a
// worse-served zone. Merged into the driver app's catalogue (i18n.ts).
export const en = {
  'waitingSpot.title': 'While you wait',
  'waitingSpot.text': 'Waiting near {place} helps {zone}: {minutes} away.',
  'waitingSpot.why':
    'Riders there have been served less often lately. It is a suggestion: saying no costs nothing.',
  'waitingSpot.go': 'Go there',
  'waitingSpot.osm': 'Directions on OpenStreetMap',
  'waitingSpot.notNow': 'Not now',
  'map.waitingSpot': 'Suggested waiting spot: {place}, helps {zone}',
};

export const fr: Record<keyof typeof en, string> = {
  'waitingSpot.title': 'En attendant',
  'waitingSpot.text': 'Attendre près de {place} aide {zone} : à {minutes}.',
  'waitingSpot.why':
    'Les passagers y ont été moins souvent servis ces derniers temps. Ce n’est qu’une suggestion : refuser ne coûte rien.',
  'waitingSpot.go': 'Y aller',
  'waitingSpot.osm': 'Itinéraire sur OpenStreetMap',
  'waitingSpot.notNow': 'Pas maintenant',
  'map.waitingSpot': 'Lieu d’attente suggéré : {place}, aide {zone}',
};
