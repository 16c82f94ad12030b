// The console's frame: the kit's keys, the territory picker, the section navigation. Each section
// keeps its words in a file of its own beside this one (see ../i18n.ts).
export const en = {
  'app.title': 'Navette coordination',
  'lang.toggle': 'Français',
  'login.title': 'Sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.logout': 'Sign out',
  'login.signedInAs': 'Signed in as {name}',
  'login.notCoordinator':
    'This console is for coordinators. Riders use the map at /, drivers the app at /driver/.',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.UNAUTHENTICATED': 'Wrong email or password, or your session has ended.',
  'error.RATE_LIMITED': 'Too many attempts. Wait a moment and try again.',
  'error.FORBIDDEN': 'This is outside the territories you coordinate.',
  'socket.offline': 'Connection lost, reconnecting…',
  'shell.territory': 'Territory',
  'shell.sections': 'Console sections',
  'shell.noTerritory': 'You coordinate no territory yet. An administrator can give you one.',
};

export const fr: Record<keyof typeof en, string> = {
  'app.title': 'Navette coordination',
  'lang.toggle': 'English',
  'login.title': 'Connexion',
  'login.email': 'Courriel',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.logout': 'Se déconnecter',
  'login.signedInAs': 'Connecté·e : {name}',
  'login.notCoordinator':
    'Cette console est pour les coordinateur·rices. Les passager·es utilisent la carte, à /, les conducteur·rices l’application, à /driver/.',
  'error.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  'error.UNAUTHENTICATED': 'Courriel ou mot de passe incorrect, ou session expirée.',
  'error.RATE_LIMITED': 'Trop de tentatives. Attendez un instant et réessayez.',
  'error.FORBIDDEN': 'Ceci sort des territoires que vous coordonnez.',
  'socket.offline': 'Connexion perdue, reconnexion…',
  'shell.territory': 'Territoire',
  'shell.sections': 'Rubriques de la console',
  'shell.noTerritory':
    'Vous ne coordonnez encore aucun territoire. Un·e administrateur·rice peut vous en confier un.',
};
