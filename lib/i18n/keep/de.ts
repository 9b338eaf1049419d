import type { KeepCatalogue } from './en';

export const de: KeepCatalogue = {
  'page.title': 'Mitgliedschaft behalten',
  'open.heading': 'Möchten Sie Ihre Mitgliedschaft behalten, {firstName}?',
  'open.body':
    'Sie haben das Abo {plan} für {price, number, price} im Monat. Sie haben seit einiger Zeit nichts angesehen, deshalb kündigen wir es, es sei denn, Sie sagen uns, dass Sie es behalten möchten.',
  'open.offer': 'Unser Angebot: Ihr letzter Monat geht auf uns.',
  'answer.keep': 'Mitgliedschaft behalten',
  'answer.offer': 'Mitgliedschaft behalten und Angebot annehmen',
  'answer.leave': 'Mitgliedschaft kündigen',
  'leave.heading': 'Mitgliedschaft kündigen?',
  'leave.body':
    'Ihre Mitgliedschaft endet mit dem bereits bezahlten Monat, am {endsAt, date, day}. Bis dahin können Sie weiter schauen. Wenn Sie es sich innerhalb von {retentionDays, plural, one {# Tag} other {# Tagen}} anders überlegen, melden Sie sich wieder an und Ihr Konto ist wieder wie zuvor.',
  'leave.reasonLegend': 'Warum gehen Sie? (optional)',
  'reason.too_expensive': 'Es ist zu teuer',
  'reason.not_enough_to_watch': 'Es gibt zu wenig, das ich sehen möchte',
  'reason.not_watching': 'Ich schaue nicht mehr',
  'reason.technical_problems': 'Technische Probleme',
  'reason.other_service': 'Ich wechsle zu einem anderen Dienst',
  'reason.other': 'Ein anderer Grund',
  'leave.noteLabel': 'Möchten Sie uns noch etwas sagen? (optional)',
  'leave.counter': '{used, number} von {max, number} Zeichen',
  'leave.confirm': 'Ja, zum Ende meines bezahlten Monats kündigen',
  'leave.back': 'Zurück',
  'done.kept.title': 'Danke, {firstName}. Ihre Mitgliedschaft bleibt bestehen.',
  'done.kept.body': 'Sie müssen nichts weiter tun. Wir kündigen Ihre Mitgliedschaft nicht wegen dieser Nachricht.',
  'done.offer.title': 'Danke, {firstName}. Ihre Mitgliedschaft bleibt bestehen, mit Ihrem Angebot.',
  'done.offer.body': 'Ihr letzter Monat geht auf uns. Sie müssen nichts weiter tun.',
  'done.left.title': 'Ihre Mitgliedschaft endet am {endsAt, date, day}.',
  'done.left.body':
    'Bis dahin können Sie weiter schauen. Wenn Sie es sich anders überlegen, melden Sie sich über Ihr Konto wieder an, und alles ist wie zuvor.',
  'used.title': 'Sie haben bereits geantwortet, {firstName}.',
  'expired.title': 'Dieser Link ist abgelaufen.',
  'expired.body':
    'Die Frist für eine Antwort auf diese Nachricht ist vorbei. Wenn Sie Ihre Mitgliedschaft behalten oder wiederherstellen möchten, melden Sie sich in Ihrem Konto an oder wenden Sie sich an den Kundendienst.',
  'closed.title': 'Dieser Link ist nicht mehr aktiv.',
  'closed.body':
    'Wenn Sie Ihre Mitgliedschaft behalten oder wiederherstellen möchten, melden Sie sich in Ihrem Konto an oder wenden Sie sich an den Kundendienst.',
  'invalid.title': 'Wir konnten diesen Link nicht lesen.',
  'invalid.body':
    'Er wurde vielleicht abgeschnitten oder verändert. Öffnen Sie ihn erneut aus unserer E-Mail oder melden Sie sich in Ihrem Konto an.',
  'error.generic': 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
};
