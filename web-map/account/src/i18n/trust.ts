// My trust: my vouch code, vouching by code, whom I vouch for, who vouches for me (../trust-section.ts).
export const en = {
  'nav.trust': 'My trust',
  'trust.title': 'My trust',
  'trust.intro':
    'Members vouch for the people they know. Rides are matched more readily between people close in trust, and you can keep to them (see My limits).',
  'trust.myCode': 'My code',
  'trust.myCodeIntro':
    'Give this code, or send this link, to a member who knows you: they can then vouch for you. Nobody can look members up otherwise.',
  'trust.myLink': 'Link to send',
  'trust.renew': 'Make a new code',
  'trust.copy': 'Copy the link',
  'trust.copied': 'The link is copied: paste it in a message to the member.',
  'trust.vouchTitle': 'Vouch for a member',
  'trust.vouchIntro': 'Type the code they gave you. Vouch only for people you know and trust.',
  'trust.codeLabel': 'Their code',
  'trust.vouch': 'Vouch',
  'trust.fromLink': 'A member sent you their code. Check with them that it is theirs, then vouch.',
  'trust.vouched': 'You now vouch for {name}.',
  'trust.alreadyVouched': 'You already vouch for this member.',
  'trust.codeUnknown': 'No member has this code. Check it with the member who gave it to you.',
  'trust.inviteTitle': 'Invite someone',
  'trust.inviteIntro':
    'A link for one person you know and vouch for: they join your territory, with your vouch already given.',
  'trust.invite': 'Make an invitation link',
  'trust.invitationLink': 'Invitation link to send (once, to one person)',
  'trust.invited': 'Send this link to them; it works once, until {date}.',
  'trust.inviteNoTerritory': 'You belong to no territory yet: a coordinator must place you in one first.',
  'trust.inviteRestricted': 'A coordinator’s decision keeps you from inviting for now (see Decisions).',
  'trust.given': 'I vouch for',
  'trust.received': 'Vouch for me',
  'trust.noneGiven': 'You vouch for nobody yet.',
  'trust.noneReceived': 'Nobody vouches for you yet.',
  'trust.since': 'since {date}',
  'trust.withdraw': 'Withdraw',
  'trust.withdrawFrom': 'Withdraw my vouch for {name}',
  'trust.withdrawn': 'You no longer vouch for {name}.',
};

export const fr: Record<keyof typeof en, string> = {
  'nav.trust': 'Ma confiance',
  'trust.title': 'Ma confiance',
  'trust.intro':
    'Les membres se portent garants des personnes qu’ils connaissent. Les trajets se font plus volontiers entre personnes proches en confiance, et vous pouvez vous y limiter (voir Mes limites).',
  'trust.myCode': 'Mon code',
  'trust.myCodeIntro':
    'Donnez ce code, ou envoyez ce lien, à un membre qui vous connaît : il pourra se porter garant de vous. Personne ne peut chercher les membres autrement.',
  'trust.myLink': 'Lien à envoyer',
  'trust.renew': 'Créer un nouveau code',
  'trust.copy': 'Copier le lien',
  'trust.copied': 'Le lien est copié : collez-le dans un message au membre.',
  'trust.vouchTitle': 'Se porter garant d’un membre',
  'trust.vouchIntro':
    'Saisissez le code qu’il vous a donné. Ne vous portez garant que de personnes que vous connaissez et en qui vous avez confiance.',
  'trust.codeLabel': 'Son code',
  'trust.vouch': 'Me porter garant',
  'trust.fromLink':
    'Un membre vous a envoyé son code. Vérifiez avec lui que c’est bien le sien, puis portez-vous garant.',
  'trust.vouched': 'Vous vous portez garant de {name}.',
  'trust.alreadyVouched': 'Vous vous portez déjà garant de ce membre.',
  'trust.codeUnknown': 'Aucun membre n’a ce code. Vérifiez-le avec le membre qui vous l’a donné.',
  'trust.inviteTitle': 'Inviter quelqu’un',
  'trust.inviteIntro':
    'Un lien pour une personne que vous connaissez et dont vous vous portez garant : elle rejoint votre territoire, avec votre garantie déjà donnée.',
  'trust.invite': 'Créer un lien d’invitation',
  'trust.invitationLink': 'Lien d’invitation à envoyer (une fois, à une personne)',
  'trust.invited': 'Envoyez-lui ce lien ; il sert une fois, jusqu’au {date}.',
  'trust.inviteNoTerritory':
    'Vous n’appartenez encore à aucun territoire : un·e coordinateur·rice doit d’abord vous y placer.',
  'trust.inviteRestricted':
    'Une décision d’un·e coordinateur·rice vous empêche d’inviter pour le moment (voir Décisions).',
  'trust.given': 'Je me porte garant de',
  'trust.received': 'Se portent garants de moi',
  'trust.noneGiven': 'Vous ne vous portez encore garant de personne.',
  'trust.noneReceived': 'Personne ne se porte encore garant de vous.',
  'trust.since': 'depuis le {date}',
  'trust.withdraw': 'Retirer',
  'trust.withdrawFrom': 'Retirer ma garantie pour {name}',
  'trust.withdrawn': 'Vous ne vous portez plus garant de {name}.',
};
