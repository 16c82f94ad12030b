// Routes that need no sign-in (joining, registering, resetting a password) and the page's frame
// links. See ../public-route.ts.
export const en = {
  'public.toSignIn': 'Already a member? Sign in',
  'public.forgot': 'Forgot your password?',
  'public.byInvitation':
    'New here? Members join by invitation: ask a member or a coordinator of your territory for a link.',
  'newcomer.name': 'Your name, as other members will see it',
  'newcomer.email': 'Email',
  'newcomer.password': 'Choose a password',
  'newcomer.emailRefused': 'This email cannot join with this link. Use another address.',
  'password.hint': 'At least 10 characters. A few unrelated words are easy to remember and hard to guess.',
  'password.weak':
    'This password is too easy to guess. Use at least 10 characters, for example a few unrelated words, and not your name or email.',
  'link.unusable': 'This link is unknown, expired or already used. Ask for a new one.',
  'join.title': 'Join the community',
  'join.intro':
    'You were invited. Name yourself and choose a password: you will ride as a member of your territory.',
  'join.submit': 'Join',
  'join.welcome':
    'Welcome! You are a member now and may ask for rides. Would you like to drive too? Say so below.',
  'register.title': 'Ask to join',
  'register.intro':
    'Ask to join {territory}. A coordinator reads each request; you can sign in once they approve it.',
  'register.unknown': 'This registration link names no territory. Check the link you were given.',
  'register.submit': 'Send my request',
  'register.pending':
    'Your request is sent. A coordinator of the territory will look at it; once approved, sign in with this email and password.',
  'reset.title': 'Choose a new password',
  'reset.password': 'New password',
  'reset.submit': 'Save my new password',
  'reset.done':
    'Your password is changed and every session that was open is closed. Sign in with the new one.',
  'forgot.title': 'Forgot your password?',
  'forgot.intro':
    'Give the email you joined with; if it is a member’s, a link to choose a new password is sent to it.',
  'forgot.email': 'Email',
  'forgot.submit': 'Send me a link',
  'forgot.sent':
    'If this email belongs to a member, a link is on its way; it works once, for 24 hours. No mail after a few minutes? A coordinator of your territory can give you a link.',
  'left.done':
    'You have left the community: your account and personal data are erased. Goodbye, and thank you.',
  'links.label': 'Other Navette pages',
  'links.map': 'Ask for a ride',
  'links.driver': 'Driver app',
};

export const fr: Record<keyof typeof en, string> = {
  'public.toSignIn': 'Déjà membre ? Se connecter',
  'public.forgot': 'Mot de passe oublié ?',
  'public.byInvitation':
    'Nouveau ou nouvelle ? On rejoint la communauté sur invitation : demandez un lien à un membre ou à un·e coordinateur·rice de votre territoire.',
  'newcomer.name': 'Votre nom, tel que les autres membres le verront',
  'newcomer.email': 'Courriel',
  'newcomer.password': 'Choisissez un mot de passe',
  'newcomer.emailRefused': 'Ce courriel ne peut pas rejoindre avec ce lien. Utilisez une autre adresse.',
  'password.hint':
    'Au moins 10 caractères. Quelques mots sans rapport entre eux se retiennent facilement et se devinent mal.',
  'password.weak':
    'Ce mot de passe est trop facile à deviner. Utilisez au moins 10 caractères, par exemple quelques mots sans rapport, et ni votre nom ni votre courriel.',
  'link.unusable': 'Ce lien est inconnu, expiré ou déjà utilisé. Demandez-en un nouveau.',
  'join.title': 'Rejoindre la communauté',
  'join.intro':
    'Vous avez été invité·e. Indiquez votre nom et choisissez un mot de passe : vous voyagerez comme membre de votre territoire.',
  'join.submit': 'Rejoindre',
  'join.welcome':
    'Bienvenue ! Vous êtes membre et pouvez demander des trajets. Vous aimeriez conduire aussi ? Dites-le ci-dessous.',
  'register.title': 'Demander à rejoindre',
  'register.intro':
    'Demandez à rejoindre {territory}. Un·e coordinateur·rice lit chaque demande ; vous pourrez vous connecter une fois la demande acceptée.',
  'register.unknown': 'Ce lien d’inscription ne désigne aucun territoire. Vérifiez le lien reçu.',
  'register.submit': 'Envoyer ma demande',
  'register.pending':
    'Votre demande est envoyée. Un·e coordinateur·rice du territoire va l’examiner ; une fois acceptée, connectez-vous avec ce courriel et ce mot de passe.',
  'reset.title': 'Choisir un nouveau mot de passe',
  'reset.password': 'Nouveau mot de passe',
  'reset.submit': 'Enregistrer mon nouveau mot de passe',
  'reset.done':
    'Votre mot de passe est changé et toutes les sessions ouvertes sont fermées. Connectez-vous avec le nouveau.',
  'forgot.title': 'Mot de passe oublié ?',
  'forgot.intro':
    'Indiquez le courriel avec lequel vous avez rejoint ; s’il appartient à un membre, un lien pour choisir un nouveau mot de passe y est envoyé.',
  'forgot.email': 'Courriel',
  'forgot.submit': 'M’envoyer un lien',
  'forgot.sent':
    'Si ce courriel appartient à un membre, un lien est en route ; il sert une fois, pendant 24 heures. Rien reçu après quelques minutes ? Un·e coordinateur·rice de votre territoire peut vous donner un lien.',
  'left.done':
    'Vous avez quitté la communauté : votre compte et vos données personnelles sont effacés. Au revoir, et merci.',
  'links.label': 'Autres pages de Navette',
  'links.map': 'Demander un trajet',
  'links.driver': 'Application conducteur',
};
