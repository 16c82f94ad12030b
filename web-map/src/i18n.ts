import { defineCatalogue, type Dictionaries } from '@navette/web-kit';

export { detectLang, otherLang, type Lang } from '@navette/web-kit';

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
  'request.pickPickup': 'Click the map where you want to be picked up.',
  'request.pickDropoff': 'Now click where you are going.',
  'request.ready': 'Pickup and drop-off chosen.',
  'request.seats': 'Seats',
  'request.submit': 'Request',
  'request.reset': 'Choose again',
  'request.sending': 'Sending…',
  'ride.title': 'Your ride',
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
  'request.pickPickup': 'Cliquez sur la carte à l’endroit où vous attendrez.',
  'request.pickDropoff': 'Cliquez maintenant sur votre destination.',
  'request.ready': 'Départ et arrivée choisis.',
  'request.seats': 'Places',
  'request.submit': 'Demander',
  'request.reset': 'Choisir à nouveau',
  'request.sending': 'Envoi…',
  'ride.title': 'Votre trajet',
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

/** Both languages of this page, complete (see i18n.spec.ts). */
export const dictionaries: Dictionaries<MessageKey> = { en, fr };

/** This page's messages, looked up by the kit's catalogue mechanism. */
export const catalogue = defineCatalogue(dictionaries);

export const { translate, errorMessageKey } = catalogue;
