import { defineCatalogue, type Dictionaries } from '@navette/web-kit';

// The tracking page: no sign-in, so the kit's login words are here only because every page's
// catalogue has them.
const en = {
  'app.title': 'Navette – follow a delivery',
  'lang.toggle': 'Français',
  'login.title': 'Sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.logout': 'Sign out',
  'login.signedInAs': 'Signed in as {name}',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'socket.offline': 'Connection lost, reconnecting…',
  'track.heading': 'Your delivery: {what}',
  'track.from': 'From {place}',
  'track.to': 'To {place}',
  'track.somewhere': 'a place nearby',
  'track.window': 'Expected between {from} and {to}',
  'track.windowBefore': 'Expected before {to}',
  'track.windowAfter': 'Expected after {from}',
  'track.state.waiting': 'Waiting for a driver.',
  'track.state.driver-coming': 'A driver is on the way to collect it.',
  'track.state.on-its-way': 'On its way to you. Have your code ready for the driver.',
  'track.state.delivered': 'Delivered.',
  'track.state.returning': 'Nobody could take it: it is going back to the sender.',
  'track.state.returned': 'It went back to the sender.',
  'track.state.cancelled': 'The sender cancelled this delivery.',
  'track.state.unserved': 'No driver could take it this time.',
  'track.outcome.code': 'Handed over with your code.',
  'track.outcome.neighbour': 'Left with a neighbour.',
  'track.outcome.safe-place': 'Left in a safe place.',
  'track.outcome.returned': 'Given back to the sender.',
  'track.expires': 'This page stops working at {time}.',
  'track.gone': 'This link does not work (any more). Ask the sender for a new one.',
  'track.map': 'Map of the delivery',
};

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  'app.title': 'Navette – suivre une livraison',
  'lang.toggle': 'English',
  'login.title': 'Connexion',
  'login.email': 'Courriel',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.logout': 'Se déconnecter',
  'login.signedInAs': 'Connecté·e : {name}',
  'error.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  'socket.offline': 'Connexion perdue, reconnexion…',
  'track.heading': 'Votre livraison : {what}',
  'track.from': 'Depuis {place}',
  'track.to': 'Vers {place}',
  'track.somewhere': 'un lieu proche',
  'track.window': 'Attendue entre {from} et {to}',
  'track.windowBefore': 'Attendue avant {to}',
  'track.windowAfter': 'Attendue après {from}',
  'track.state.waiting': 'En attente d’un·e conducteur·rice.',
  'track.state.driver-coming': 'Un·e conducteur·rice vient la chercher.',
  'track.state.on-its-way': 'En route vers vous. Préparez votre code pour le·la conducteur·rice.',
  'track.state.delivered': 'Livrée.',
  'track.state.returning': 'Personne n’a pu la recevoir : elle retourne chez l’expéditeur·rice.',
  'track.state.returned': 'Elle est retournée chez l’expéditeur·rice.',
  'track.state.cancelled': 'L’expéditeur·rice a annulé cette livraison.',
  'track.state.unserved': 'Aucun·e conducteur·rice n’a pu la prendre cette fois.',
  'track.outcome.code': 'Remise avec votre code.',
  'track.outcome.neighbour': 'Laissée chez un·e voisin·e.',
  'track.outcome.safe-place': 'Laissée en lieu sûr.',
  'track.outcome.returned': 'Rendue à l’expéditeur·rice.',
  'track.expires': 'Cette page cessera de fonctionner à {time}.',
  'track.gone': 'Ce lien ne fonctionne pas (ou plus). Demandez-en un nouveau à l’expéditeur·rice.',
  'track.map': 'Carte de la livraison',
};

/** Both languages of this page, complete (see i18n.spec.ts). */
export const dictionaries: Dictionaries<MessageKey> = { en, fr };

export const catalogue = defineCatalogue(dictionaries);
