// The exports section (../exports-section.ts).
export const en = {
  'exports.title': 'Exports',
  'exports.intro':
    'Files for trip planners and for the community’s own accounts. The period applies to ValueFlows and to the time bank.',
  'exports.gtfsFlex': 'GTFS-Flex feed (zip)',
  'exports.gtfsFlexAbout':
    'The service areas and hours, for trip planners. Public; the period does not apply.',
  'exports.valueFlows': 'ValueFlows (JSON-LD)',
  'exports.valueFlowsAbout': 'Requests, assignments and finished trips of the period.',
  'exports.timeBank': 'Time bank (CSV)',
  'exports.timeBankAbout': 'Hours given and received by each member over the period.',
  'exports.preparing': 'Preparing the file…',
  'exports.saved': 'Downloaded: {file}',
  'exports.member': 'Member',
  'exports.hoursGiven': 'Hours given',
  'exports.tripsGiven': 'Trips driven',
  'exports.hoursReceived': 'Hours received',
  'exports.ridesReceived': 'Rides received',
  'exports.total': 'Total',
};

export const fr: Record<keyof typeof en, string> = {
  'exports.title': 'Exportations',
  'exports.intro':
    'Des fichiers pour les calculateurs d’itinéraires et pour les comptes de la communauté. La période vaut pour ValueFlows et la banque de temps.',
  'exports.gtfsFlex': 'Flux GTFS-Flex (zip)',
  'exports.gtfsFlexAbout':
    'Les zones et horaires de service, pour les calculateurs d’itinéraires. Public ; la période ne s’applique pas.',
  'exports.valueFlows': 'ValueFlows (JSON-LD)',
  'exports.valueFlowsAbout': 'Demandes, attributions et trajets terminés de la période.',
  'exports.timeBank': 'Banque de temps (CSV)',
  'exports.timeBankAbout': 'Heures données et reçues par chaque membre sur la période.',
  'exports.preparing': 'Préparation du fichier…',
  'exports.saved': 'Téléchargé : {file}',
  'exports.member': 'Membre',
  'exports.hoursGiven': 'Heures données',
  'exports.tripsGiven': 'Trajets conduits',
  'exports.hoursReceived': 'Heures reçues',
  'exports.ridesReceived': 'Trajets reçus',
  'exports.total': 'Total',
};
