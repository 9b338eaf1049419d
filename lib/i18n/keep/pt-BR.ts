import type { KeepCatalogue } from './en';

export const ptBR: KeepCatalogue = {
  'page.title': 'Mantenha sua assinatura',
  'open.heading': 'Você quer manter sua assinatura, {firstName}?',
  'open.body':
    'Você está no plano {plan} por {price, number, price} por mês. Faz tempo que você não assiste a nada, então vamos cancelá-la, a menos que você nos diga que quer mantê-la.',
  'open.offer': 'Nossa oferta: seu último mês é por nossa conta.',
  'answer.keep': 'Manter minha assinatura',
  'answer.offer': 'Manter minha assinatura e aceitar a oferta',
  'answer.leave': 'Cancelar minha assinatura',
  'leave.heading': 'Cancelar sua assinatura?',
  'leave.body':
    'Sua assinatura termina no fim do mês já pago, em {endsAt, date, day}. Até lá, você pode continuar assistindo. Se mudar de ideia em até {retentionDays, plural, one {# dia} other {# dias}}, assine de novo e sua conta volta como estava.',
  'leave.reasonLegend': 'Por que você está saindo? (opcional)',
  'reason.too_expensive': 'É caro demais',
  'reason.not_enough_to_watch': 'Não há o suficiente que eu queira assistir',
  'reason.not_watching': 'Não assisto mais',
  'reason.technical_problems': 'Problemas técnicos',
  'reason.other_service': 'Vou para outro serviço',
  'reason.other': 'Outro motivo',
  'leave.noteLabel': 'Quer nos contar mais alguma coisa? (opcional)',
  'leave.counter': '{used, number} de {max, number} caracteres',
  'leave.confirm': 'Sim, cancelar no fim do meu mês pago',
  'leave.back': 'Voltar',
  'done.kept.title': 'Obrigado, {firstName}. Sua assinatura continua.',
  'done.kept.body': 'Você não precisa fazer mais nada. Não vamos cancelar sua assinatura por causa desta mensagem.',
  'done.offer.title': 'Obrigado, {firstName}. Sua assinatura continua, com sua oferta.',
  'done.offer.body': 'Seu último mês é por nossa conta. Você não precisa fazer mais nada.',
  'done.left.title': 'Sua assinatura termina em {endsAt, date, day}.',
  'done.left.body':
    'Você pode continuar assistindo até lá. Se mudar de ideia, assine de novo pela sua conta e tudo volta como estava.',
  'used.title': 'Você já respondeu, {firstName}.',
  'expired.title': 'Este link expirou.',
  'expired.body':
    'O prazo para responder a esta mensagem terminou. Se quiser manter ou recuperar sua assinatura, entre na sua conta ou fale com o atendimento.',
  'closed.title': 'Este link não está mais ativo.',
  'closed.body': 'Se quiser manter ou recuperar sua assinatura, entre na sua conta ou fale com o atendimento.',
  'invalid.title': 'Não conseguimos ler este link.',
  'invalid.body': 'Ele pode ter sido cortado ou alterado. Abra-o de novo pelo e-mail que enviamos ou entre na sua conta.',
  'error.generic': 'Algo deu errado. Tente novamente.',
};
