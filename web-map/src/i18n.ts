/** The interface languages. English is the fallback. */
export type Lang = 'en' | 'fr';

const en = {
  'app.title': 'Navette',
  'lang.toggle': 'Français',
  'login.title': 'Sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.signedInAs': 'Signed in as {name}',
  'login.logout': 'Sign out',
  'map.loading': 'Loading the map…',
  'map.failed': 'The map could not be shown: {message}',
  'request.title': 'Ask for a ride',
  'request.pickPickup': 'Search a place, or click the map where you want to be picked up.',
  'request.pickDropoff': 'Now search or click where you are going.',
  'request.ready': 'Pickup and drop-off chosen.',
  'request.seats': 'Seats',
  'request.submit': 'Request',
  'request.reset': 'Choose again',
  'request.sending': 'Sending…',
  'search.pickup': 'Pickup',
  'search.dropoff': 'Drop-off',
  'search.placeholder': 'Search a place or an address',
  'search.none': 'No place found',
  'search.count': '{count} result(s): arrows to choose, Enter to pick',
  'place.near': 'near {name}',
  'place.snapped': 'You will be picked up at the stop {name}, {meters} m away.',
  'ride.title': 'Your ride',
  'ride.route': 'From {from} to {to}',
  'ride.expectedPickup': 'Expected pickup at {time}',
  'ride.driver': 'Driver: {name}',
  'ride.cancel': 'Cancel',
  'ride.none': 'No ride yet.',
  'rides.title': 'Your rides',
  'status.requested': 'Requested: looking for a driver',
  'status.offered': 'A driver is being asked',
  'status.assigned': 'A driver is assigned',
  'status.picked_up': 'On board',
  'status.completed': 'Completed',
  'status.cancelled': 'Cancelled',
  'status.unserved': 'No driver could take it',
  'status.no_show': 'The driver did not find you at the pickup',
  'coordinator.liveDrivers': 'Drivers on the map: {count}',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.UNAUTHENTICATED': 'Wrong email or password, or your session has ended.',
  'error.RATE_LIMITED': 'Too many attempts. Wait a moment and try again.',
  'error.OUT_OF_TERRITORY': 'This place is outside the service area.',
  'error.OFFER_NOT_PENDING': 'This offer is no longer open.',
  'socket.offline': 'Live updates interrupted, reconnecting…',
};

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  'app.title': 'Navette',
  'lang.toggle': 'English',
  'login.title': 'Connexion',
  'login.email': 'Courriel',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.signedInAs': 'Connecté·e : {name}',
  'login.logout': 'Se déconnecter',
  'map.loading': 'Chargement de la carte…',
  'map.failed': 'La carte ne peut pas être affichée : {message}',
  'request.title': 'Demander un trajet',
  'request.pickPickup': 'Cherchez un lieu, ou cliquez sur la carte à l’endroit où vous attendrez.',
  'request.pickDropoff': 'Cherchez ou cliquez maintenant votre destination.',
  'request.ready': 'Départ et arrivée choisis.',
  'request.seats': 'Places',
  'request.submit': 'Demander',
  'request.reset': 'Choisir à nouveau',
  'request.sending': 'Envoi…',
  'search.pickup': 'Départ',
  'search.dropoff': 'Arrivée',
  'search.placeholder': 'Chercher un lieu ou une adresse',
  'search.none': 'Aucun lieu trouvé',
  'search.count': '{count} résultat(s) : flèches pour choisir, Entrée pour valider',
  'place.near': 'près de {name}',
  'place.snapped': 'Prise en charge à l’arrêt {name}, à {meters} m.',
  'ride.title': 'Votre trajet',
  'ride.route': 'De {from} à {to}',
  'ride.expectedPickup': 'Prise en charge prévue à {time}',
  'ride.driver': 'Conducteur·rice : {name}',
  'ride.cancel': 'Annuler',
  'ride.none': 'Aucun trajet pour l’instant.',
  'rides.title': 'Vos trajets',
  'status.requested': 'Demandé : recherche d’un·e conducteur·rice',
  'status.offered': 'Un·e conducteur·rice est sollicité·e',
  'status.assigned': 'Un·e conducteur·rice est en route',
  'status.picked_up': 'À bord',
  'status.completed': 'Terminé',
  'status.cancelled': 'Annulé',
  'status.unserved': 'Aucun·e conducteur·rice disponible',
  'status.no_show': 'Le·la conducteur·rice ne vous a pas trouvé·e au départ',
  'coordinator.liveDrivers': 'Conducteur·rices sur la carte : {count}',
  'error.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  'error.UNAUTHENTICATED': 'Courriel ou mot de passe incorrect, ou session expirée.',
  'error.RATE_LIMITED': 'Trop de tentatives. Attendez un instant et réessayez.',
  'error.OUT_OF_TERRITORY': 'Ce lieu est hors de la zone desservie.',
  'error.OFFER_NOT_PENDING': 'Cette proposition n’est plus ouverte.',
  'socket.offline': 'Mises à jour interrompues, reconnexion…',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fr };

/** The first of the browser's preferred languages that we speak; English otherwise. */
export function detectLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

/** The message in `lang`, with `{name}` placeholders replaced by `params`. Unknown placeholders stay. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The dictionary key of an API error code we explain ourselves, if any. */
export function errorMessageKey(code: string): MessageKey | undefined {
  const key = `error.${code}`;
  return key in en ? (key as MessageKey) : undefined;
}

export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'fr' : 'en';
}
