// My time bank over a chosen period (../time-bank-section.ts).
export const en = {
  'nav.timeBank': 'Time bank',
  'bank.title': 'My time bank',
  'bank.intro':
    'Hours you gave as a driver and received as a rider. It is information for the community, not money: nothing is owed.',
  'bank.from': 'From',
  'bank.to': 'To (included)',
  'bank.show': 'Show',
  'bank.hoursGiven': 'Hours given (driving)',
  'bank.tripsGiven': 'Trips driven',
  'bank.hoursReceived': 'Hours received (riding)',
  'bank.ridesReceived': 'Rides and tasks received',
  'bank.hours': '{n} h',
};

export const fr: Record<keyof typeof en, string> = {
  'nav.timeBank': 'Banque de temps',
  'bank.title': 'Ma banque de temps',
  'bank.intro':
    'Les heures données en conduisant et reçues en voyageant. C’est une information pour la communauté, pas de l’argent : rien n’est dû.',
  'bank.from': 'Du',
  'bank.to': 'Au (inclus)',
  'bank.show': 'Afficher',
  'bank.hoursGiven': 'Heures données (conduite)',
  'bank.tripsGiven': 'Trajets conduits',
  'bank.hoursReceived': 'Heures reçues (trajets)',
  'bank.ridesReceived': 'Trajets et courses reçus',
  'bank.hours': '{n} h',
};
