import type { KeepCatalogue } from './en';

export const it: KeepCatalogue = {
  'page.title': 'Mantieni il tuo abbonamento',
  'open.heading': 'Vuoi mantenere il tuo abbonamento, {firstName}?',
  'open.body':
    'Hai il piano {plan} a {price, number, price} al mese. È da un po’ che non guardi nulla, quindi lo disdiremo, a meno che tu non ci dica di volerlo mantenere.',
  'open.offer': 'La nostra offerta: il tuo ultimo mese lo offriamo noi.',
  'answer.keep': 'Mantieni il mio abbonamento',
  'answer.offer': 'Mantieni il mio abbonamento e accetta l’offerta',
  'answer.leave': 'Disdici il mio abbonamento',
  'leave.heading': 'Disdire il tuo abbonamento?',
  'leave.body':
    'Il tuo abbonamento termina alla fine del mese già pagato, il {endsAt, date, day}. Fino ad allora puoi continuare a guardare. Se cambi idea entro {retentionDays, plural, one {# giorno} other {# giorni}}, riabbonati e il tuo account torna com’era.',
  'leave.reasonLegend': 'Perché te ne vai? (facoltativo)',
  'reason.too_expensive': 'È troppo caro',
  'reason.not_enough_to_watch': 'Non c’è abbastanza che voglio guardare',
  'reason.not_watching': 'Non guardo più',
  'reason.technical_problems': 'Problemi tecnici',
  'reason.other_service': 'Passo a un altro servizio',
  'reason.other': 'Un altro motivo',
  'leave.noteLabel': 'Vuoi dirci qualcos’altro? (facoltativo)',
  'leave.counter': '{used, number} di {max, number} caratteri',
  'leave.confirm': 'Sì, disdici alla fine del mio mese pagato',
  'leave.back': 'Torna indietro',
  'done.kept.title': 'Grazie, {firstName}. Il tuo abbonamento resta attivo.',
  'done.kept.body': 'Non devi fare nient’altro. Non disdiremo il tuo abbonamento a causa di questo messaggio.',
  'done.offer.title': 'Grazie, {firstName}. Il tuo abbonamento resta attivo, con la tua offerta.',
  'done.offer.body': 'Il tuo ultimo mese lo offriamo noi. Non devi fare nient’altro.',
  'done.left.title': 'Il tuo abbonamento termina il {endsAt, date, day}.',
  'done.left.body': 'Fino ad allora puoi continuare a guardare. Se cambi idea, riabbonati dal tuo account e tutto torna com’era.',
  'used.title': 'Ci hai già risposto, {firstName}.',
  'expired.title': 'Questo link è scaduto.',
  'expired.body':
    'Il tempo per rispondere a questo messaggio è scaduto. Se vuoi mantenere o ripristinare il tuo abbonamento, accedi al tuo account o contatta l’assistenza.',
  'closed.title': 'Questo link non è più attivo.',
  'closed.body': 'Se vuoi mantenere o ripristinare il tuo abbonamento, accedi al tuo account o contatta l’assistenza.',
  'invalid.title': 'Non siamo riusciti a leggere questo link.',
  'invalid.body':
    'Potrebbe essere stato troncato o modificato. Aprilo di nuovo dall’e-mail che ti abbiamo inviato o accedi al tuo account.',
  'error.generic': 'Qualcosa è andato storto. Riprova.',
};
