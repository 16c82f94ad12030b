/** The interface languages. English is the fallback. */
export type Lang = 'en' | 'fr';

const en = {
  'app.title': 'Navette driver',
  'lang.toggle': 'Français',
  'login.title': 'Sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.logout': 'Sign out',
  'login.signedInAs': 'Signed in as {name}',
  'login.notDriver': 'This app is for drivers. Riders and coordinators use the map at /.',
  'shift.off': 'Off shift: your position is not shared.',
  'shift.on': 'On shift: your position is shared with dispatch.',
  'shift.position': 'Your position (longitude, latitude)',
  'shift.lng': 'Longitude',
  'shift.lat': 'Latitude',
  'shift.locate': 'Use my location',
  'shift.start': 'Start shift',
  'shift.end': 'End shift',
  'shift.noPosition': 'Give your position (or allow location) to start.',
  'offer.title': 'New request',
  'offer.seats': '{seats} seat(s)',
  'offer.wheelchair': '{count} wheelchair place(s)',
  'offer.approach': '{distance} to the pickup area',
  'offer.pickupArea': 'Pickup area: {where}',
  'offer.dropoffArea': 'Drop-off area: {where}',
  'offer.expiresIn': 'Answer within {time}',
  'offer.accept': 'Accept',
  'offer.decline': 'Decline',
  'offer.none': 'No offer right now.',
  'pause.resting': 'Resting after a missed offer: offers resume at {time}.',
  'pause.position-stale': 'Paused: your position has not reached dispatch lately. Check location access.',
  'pause.no-position': 'Paused: dispatch has no position for you yet.',
  'pause.not-connected': 'Paused: this app is not connected to dispatch.',
  'trip.title': 'Trip with {name}',
  'trip.pickup': 'Pickup: {where}',
  'trip.dropoff': 'Drop-off: {where}',
  'trip.seats': '{seats} seat(s)',
  'trip.pickedUp': 'Picked up',
  'trip.droppedOff': 'Dropped off',
  'trip.noShow': 'Rider not there',
  'trip.done': 'Trip completed. Thank you!',
  'trip.cancelled': 'The rider cancelled the trip.',
  'trip.status.assigned': 'Go to the pickup',
  'trip.status.picked_up': 'Rider on board',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.UNAUTHENTICATED': 'Wrong email or password, or your session has ended.',
  'error.RATE_LIMITED': 'Too many attempts. Wait a moment and try again.',
  'error.OUT_OF_TERRITORY': 'This place is outside the service area.',
  'error.OFFER_NOT_PENDING': 'This offer is no longer open.',
  'socket.offline': 'Connection lost, reconnecting…',
};

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  'app.title': 'Navette conducteur·rice',
  'lang.toggle': 'English',
  'login.title': 'Connexion',
  'login.email': 'Courriel',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.logout': 'Se déconnecter',
  'login.signedInAs': 'Connecté·e : {name}',
  'login.notDriver': 'Cette application est pour les conducteur·rices. Les autres utilisent la carte, à /.',
  'shift.off': 'Hors service : votre position n’est pas partagée.',
  'shift.on': 'En service : votre position est partagée avec la répartition.',
  'shift.position': 'Votre position (longitude, latitude)',
  'shift.lng': 'Longitude',
  'shift.lat': 'Latitude',
  'shift.locate': 'Utiliser ma position',
  'shift.start': 'Commencer le service',
  'shift.end': 'Terminer le service',
  'shift.noPosition': 'Indiquez votre position (ou autorisez la localisation) pour commencer.',
  'offer.title': 'Nouvelle demande',
  'offer.seats': '{seats} place(s)',
  'offer.wheelchair': '{count} place(s) fauteuil',
  'offer.approach': '{distance} jusqu’à la zone de départ',
  'offer.pickupArea': 'Zone de départ : {where}',
  'offer.dropoffArea': 'Zone d’arrivée : {where}',
  'offer.expiresIn': 'Répondez d’ici {time}',
  'offer.accept': 'Accepter',
  'offer.decline': 'Refuser',
  'offer.none': 'Aucune proposition pour l’instant.',
  'pause.resting': 'Pause après une proposition manquée : reprise des propositions à {time}.',
  'pause.position-stale':
    'En pause : votre position n’arrive plus à la répartition. Vérifiez la localisation.',
  'pause.no-position': 'En pause : la répartition n’a pas encore votre position.',
  'pause.not-connected': 'En pause : l’application n’est pas connectée à la répartition.',
  'trip.title': 'Trajet avec {name}',
  'trip.pickup': 'Départ : {where}',
  'trip.dropoff': 'Arrivée : {where}',
  'trip.seats': '{seats} place(s)',
  'trip.pickedUp': 'Pris·e en charge',
  'trip.droppedOff': 'Déposé·e',
  'trip.noShow': 'Passager·e absent·e',
  'trip.done': 'Trajet terminé. Merci !',
  'trip.cancelled': 'La personne a annulé le trajet.',
  'trip.status.assigned': 'Rendez-vous au départ',
  'trip.status.picked_up': 'Passager·e à bord',
  'error.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  'error.UNAUTHENTICATED': 'Courriel ou mot de passe incorrect, ou session expirée.',
  'error.RATE_LIMITED': 'Trop de tentatives. Attendez un instant et réessayez.',
  'error.OUT_OF_TERRITORY': 'Ce lieu est hors de la zone desservie.',
  'error.OFFER_NOT_PENDING': 'Cette proposition n’est plus ouverte.',
  'socket.offline': 'Connexion perdue, reconnexion…',
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
