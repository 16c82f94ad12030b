// The account page's frame: the kit's keys and the section navigation. Each section keeps its words
// in a file of its own beside this one (see ../i18n.ts).
export const en = {
  'app.title': 'Navette – my account',
  'lang.toggle': 'Français',
  'login.title': 'Sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.logout': 'Sign out',
  'login.signedInAs': 'Signed in as {name}',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.UNAUTHENTICATED': 'Wrong email or password, or your session has ended.',
  'error.RATE_LIMITED': 'Too many attempts. Wait a moment and try again.',
  'socket.offline': 'Connection lost, reconnecting…',
  'shell.sections': 'My account',
  'session.ended':
    'You were signed out: your session ended (your password may have been changed on another device). Sign in again.',
};

export const fr: Record<keyof typeof en, string> = {
  'app.title': 'Navette – mon compte',
  'lang.toggle': 'English',
  'login.title': 'Connexion',
  'login.email': 'Courriel',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.logout': 'Se déconnecter',
  'login.signedInAs': 'Connecté·e : {name}',
  'error.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  'error.UNAUTHENTICATED': 'Courriel ou mot de passe incorrect, ou session expirée.',
  'error.RATE_LIMITED': 'Trop de tentatives. Attendez un instant et réessayez.',
  'socket.offline': 'Connexion perdue, reconnexion…',
  'shell.sections': 'Mon compte',
  'session.ended':
    'Vous avez été déconnecté·e : votre session a pris fin (votre mot de passe a peut-être été changé sur un autre appareil). Reconnectez-vous.',
};
