import type { KeepCatalogue } from './en';

export const es: KeepCatalogue = {
  'page.title': 'Conserva tu suscripción',
  'open.heading': '¿Quieres conservar tu suscripción, {firstName}?',
  'open.body':
    'Tienes el plan {plan} por {price, number, price} al mes. Hace tiempo que no ves nada, así que la cancelaremos a menos que nos digas que quieres conservarla.',
  'open.offer': 'Nuestra oferta: tu último mes corre de nuestra cuenta.',
  'answer.keep': 'Conservar mi suscripción',
  'answer.offer': 'Conservar mi suscripción y aceptar la oferta',
  'answer.leave': 'Cancelar mi suscripción',
  'leave.heading': '¿Cancelar tu suscripción?',
  'leave.body':
    'Tu suscripción termina al final del mes ya pagado, el {endsAt, date, day}. Hasta entonces puedes seguir viendo. Si cambias de opinión en {retentionDays, plural, one {# día} other {# días}}, vuelve a suscribirte y tu cuenta volverá tal como estaba.',
  'leave.reasonLegend': '¿Por qué te vas? (opcional)',
  'reason.too_expensive': 'Es demasiado caro',
  'reason.not_enough_to_watch': 'No hay suficiente que quiera ver',
  'reason.not_watching': 'Ya no veo nada',
  'reason.technical_problems': 'Problemas técnicos',
  'reason.other_service': 'Me cambio a otro servicio',
  'reason.other': 'Otro motivo',
  'leave.noteLabel': '¿Quieres contarnos algo más? (opcional)',
  'leave.counter': '{used, number} de {max, number} caracteres',
  'leave.confirm': 'Sí, cancelar al final de mi mes pagado',
  'leave.back': 'Volver',
  'done.kept.title': 'Gracias, {firstName}. Tu suscripción continúa.',
  'done.kept.body': 'No tienes que hacer nada más. No cancelaremos tu suscripción por este mensaje.',
  'done.offer.title': 'Gracias, {firstName}. Tu suscripción continúa, con tu oferta.',
  'done.offer.body': 'Tu último mes corre de nuestra cuenta. No tienes que hacer nada más.',
  'done.left.title': 'Tu suscripción termina el {endsAt, date, day}.',
  'done.left.body':
    'Puedes seguir viendo hasta entonces. Si cambias de opinión, vuelve a suscribirte desde tu cuenta y todo volverá como estaba.',
  'used.title': 'Ya nos has respondido, {firstName}.',
  'expired.title': 'Este enlace ha caducado.',
  'expired.body':
    'El plazo para responder a este mensaje ha terminado. Si quieres conservar o recuperar tu suscripción, inicia sesión en tu cuenta o contacta con atención al cliente.',
  'closed.title': 'Este enlace ya no está activo.',
  'closed.body':
    'Si quieres conservar o recuperar tu suscripción, inicia sesión en tu cuenta o contacta con atención al cliente.',
  'invalid.title': 'No hemos podido leer este enlace.',
  'invalid.body':
    'Puede que esté cortado o modificado. Ábrelo de nuevo desde el correo que te enviamos o inicia sesión en tu cuenta.',
  'error.generic': 'Algo ha salido mal. Inténtalo de nuevo.',
};
