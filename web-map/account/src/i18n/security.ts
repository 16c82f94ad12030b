// Security: change my password, leave the community (../security-section.ts).
export const en = {
  'nav.security': 'Security',
  'security.title': 'Security',
  'security.change': 'Change my password',
  'security.changeIntro': 'Every other place where you are signed in is signed out; this one stays.',
  'security.current': 'Current password',
  'security.new': 'New password',
  'security.changeSubmit': 'Change my password',
  'security.changed': 'Your password is changed. You are signed out everywhere else.',
  'security.currentWrong': 'This is not your current password.',
  'security.leave': 'Leave the community',
  'security.leaveIntro':
    'Your account, name, email, places and messages are erased for good. What others need (decisions, past trips) stays, without your name. Coordinators hand over their role first; drivers end their shift.',
  'security.downloadIntro': 'Before you go, you may keep a copy of everything Navette holds about you.',
  'security.download': 'Download my data',
  'security.leavePassword': 'Your password, to confirm',
  'security.leaveSubmit': 'Leave the community…',
  'security.leaveSure': 'Leave for good?',
  'security.leaveWhat': 'Your account and personal data will be erased. This cannot be undone.',
  'security.leaveForGood': 'Leave and erase my data',
  'security.stay': 'Stay',
};

export const fr: Record<keyof typeof en, string> = {
  'nav.security': 'Sécurité',
  'security.title': 'Sécurité',
  'security.change': 'Changer mon mot de passe',
  'security.changeIntro': 'Partout ailleurs où vous êtes connecté·e, vous serez déconnecté·e ; ici, non.',
  'security.current': 'Mot de passe actuel',
  'security.new': 'Nouveau mot de passe',
  'security.changeSubmit': 'Changer mon mot de passe',
  'security.changed': 'Votre mot de passe est changé. Vous êtes déconnecté·e partout ailleurs.',
  'security.currentWrong': 'Ce n’est pas votre mot de passe actuel.',
  'security.leave': 'Quitter la communauté',
  'security.leaveIntro':
    'Votre compte, votre nom, votre courriel, vos lieux et vos messages sont effacés pour de bon. Ce dont les autres ont besoin (décisions, trajets passés) reste, sans votre nom. Les coordinateurs transmettent d’abord leur rôle ; les conducteurs terminent leur service.',
  'security.downloadIntro':
    'Avant de partir, vous pouvez garder une copie de tout ce que Navette détient à votre sujet.',
  'security.download': 'Télécharger mes données',
  'security.leavePassword': 'Votre mot de passe, pour confirmer',
  'security.leaveSubmit': 'Quitter la communauté…',
  'security.leaveSure': 'Partir pour de bon ?',
  'security.leaveWhat': 'Votre compte et vos données personnelles seront effacés. C’est définitif.',
  'security.leaveForGood': 'Partir et effacer mes données',
  'security.stay': 'Rester',
};
