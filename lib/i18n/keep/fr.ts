import type { KeepCatalogue } from './en';

export const fr: KeepCatalogue = {
  'page.title': 'Conserver votre abonnement',
  'open.heading': 'Souhaitez-vous conserver votre abonnement, {firstName} ?',
  'open.body':
    'Vous avez la formule {plan} à {price, number, price} par mois. Vous n’avez rien regardé depuis un moment : nous allons donc la résilier, sauf si vous nous dites vouloir la conserver.',
  'open.offer': 'Notre offre : votre dernier mois vous est offert.',
  'answer.keep': 'Conserver mon abonnement',
  'answer.offer': 'Conserver mon abonnement et profiter de l’offre',
  'answer.leave': 'Résilier mon abonnement',
  'leave.heading': 'Résilier votre abonnement ?',
  'leave.body':
    'Votre abonnement prend fin à la fin du mois déjà payé, le {endsAt, date, day}. D’ici là, vous pouvez continuer à regarder. Si vous changez d’avis dans les {retentionDays, plural, one {# jour} other {# jours}}, réabonnez-vous et votre compte revient tel qu’il était.',
  'leave.reasonLegend': 'Pourquoi partez-vous ? (facultatif)',
  'reason.too_expensive': 'C’est trop cher',
  'reason.not_enough_to_watch': 'Il n’y a pas assez de choses que je veux regarder',
  'reason.not_watching': 'Je ne regarde plus',
  'reason.technical_problems': 'Des problèmes techniques',
  'reason.other_service': 'Je passe à un autre service',
  'reason.other': 'Une autre raison',
  'leave.noteLabel': 'Souhaitez-vous nous dire autre chose ? (facultatif)',
  'leave.counter': '{used, number} sur {max, number} caractères',
  'leave.confirm': 'Oui, résilier à la fin de mon mois payé',
  'leave.back': 'Revenir en arrière',
  'done.kept.title': 'Merci, {firstName}. Votre abonnement est conservé.',
  'done.kept.body': 'Vous n’avez rien d’autre à faire. Nous ne résilierons pas votre abonnement à cause de ce message.',
  'done.offer.title': 'Merci, {firstName}. Votre abonnement est conservé, avec votre offre.',
  'done.offer.body': 'Votre dernier mois vous est offert. Vous n’avez rien d’autre à faire.',
  'done.left.title': 'Votre abonnement prend fin le {endsAt, date, day}.',
  'done.left.body':
    'Vous pouvez continuer à regarder jusque-là. Si vous changez d’avis, réabonnez-vous depuis votre compte et il revient tel qu’il était.',
  'used.title': 'Vous avez déjà répondu, {firstName}.',
  'expired.title': 'Ce lien a expiré.',
  'expired.body':
    'Le délai pour répondre à ce message est passé. Pour conserver ou rétablir votre abonnement, connectez-vous à votre compte ou contactez le service client.',
  'closed.title': 'Ce lien n’est plus actif.',
  'closed.body': 'Pour conserver ou rétablir votre abonnement, connectez-vous à votre compte ou contactez le service client.',
  'invalid.title': 'Nous n’avons pas pu lire ce lien.',
  'invalid.body':
    'Il a peut-être été tronqué ou modifié. Ouvrez-le à nouveau depuis l’e-mail reçu, ou connectez-vous à votre compte.',
  'error.generic': 'Une erreur s’est produite. Veuillez réessayer.',
};
