import type { TranslationDraft } from './draft';

// Translations of the default variants (draft.ts DEFAULT_VARIANTS A and B) in the languages of the
// main markets: the demo's campaigns carry them, and a CX manager can start from them.

const KEEP_TAIL: Record<string, string> = {
  fr: "Sans réponse de votre part d'ici le {{deadline}}, nous résilierons votre abonnement pour que vous ne payiez plus pour un service que vous n'utilisez pas.",
  de: 'Wenn wir bis zum {{deadline}} nichts von Ihnen hören, kündigen wir Ihre Mitgliedschaft, damit Sie nicht länger für etwas bezahlen, das Sie nicht nutzen.',
  es: 'Si no sabemos nada de ti antes del {{deadline}}, cancelaremos tu suscripción para que dejes de pagar por algo que no usas.',
  'pt-BR':
    'Se não tivermos notícias suas até {{deadline}}, vamos cancelar a sua assinatura para você parar de pagar por algo que não usa.',
  it: "Se non ci fai sapere nulla entro il {{deadline}}, annulleremo l'abbonamento così smetti di pagare per qualcosa che non usi.",
  ja: '{{deadline}}までにご連絡がない場合、ご利用のないサービスにお支払いが続かないよう、メンバーシップを解約いたします。',
};

export const TRANSLATED_A: TranslationDraft[] = [
  {
    language: 'fr',
    subjectTemplate: '{{first_name}}, souhaitez-vous garder votre abonnement ?',
    bodyTemplate: `Bonjour {{first_name}},\n\nVous n'avez rien regardé depuis {{months_since_last_view}} mois. Vous payez toujours {{price}} par mois pour {{plan}}.\n\nPour garder votre abonnement, dites-le-nous ici : {{keep_link}}\n\n${KEEP_TAIL.fr}`,
  },
  {
    language: 'de',
    subjectTemplate: '{{first_name}}, möchten Sie Ihre Mitgliedschaft behalten?',
    bodyTemplate: `Hallo {{first_name}},\n\nSie haben seit {{months_since_last_view}} Monaten nichts angesehen. Sie zahlen weiterhin {{price}} im Monat für {{plan}}.\n\nWenn Sie Ihre Mitgliedschaft behalten möchten, sagen Sie es uns hier: {{keep_link}}\n\n${KEEP_TAIL.de}`,
  },
  {
    language: 'es',
    subjectTemplate: '{{first_name}}, ¿quieres mantener tu suscripción?',
    bodyTemplate: `Hola {{first_name}}:\n\nNo has visto nada en {{months_since_last_view}} meses. Sigues pagando {{price}} al mes por {{plan}}.\n\nSi quieres mantener tu suscripción, dínoslo aquí: {{keep_link}}\n\n${KEEP_TAIL.es}`,
  },
  {
    language: 'pt-BR',
    subjectTemplate: '{{first_name}}, você quer manter a sua assinatura?',
    bodyTemplate: `Olá {{first_name}},\n\nVocê não assiste nada há {{months_since_last_view}} meses. Você ainda paga {{price}} por mês pelo plano {{plan}}.\n\nSe quiser manter a sua assinatura, avise a gente aqui: {{keep_link}}\n\n${KEEP_TAIL['pt-BR']}`,
  },
  {
    language: 'it',
    subjectTemplate: '{{first_name}}, vuoi mantenere il tuo abbonamento?',
    bodyTemplate: `Ciao {{first_name}},\n\nNon guardi nulla da {{months_since_last_view}} mesi. Stai ancora pagando {{price}} al mese per {{plan}}.\n\nSe vuoi mantenere l'abbonamento, diccelo qui: {{keep_link}}\n\n${KEEP_TAIL.it}`,
  },
  {
    language: 'ja',
    subjectTemplate: '{{first_name}}様、メンバーシップを継続されますか？',
    bodyTemplate: `{{first_name}}様\n\n{{months_since_last_view}}か月間ご視聴がありません。{{plan}}プランの月額{{price}}のお支払いが続いています。\n\n継続をご希望の場合はこちらからお知らせください: {{keep_link}}\n\n${KEEP_TAIL.ja}`,
  },
];

export const TRANSLATED_B: TranslationDraft[] = [
  {
    language: 'fr',
    subjectTemplate: '{{first_name}}, {{last_title}} vous attend',
    bodyTemplate: `Bonjour {{first_name}},\n\nCela fait {{months_since_last_view}} mois. Si vous restez, {{offer}}.\n\nGardez votre abonnement {{plan}} : {{keep_link}}\n\n${KEEP_TAIL.fr}`,
  },
  {
    language: 'de',
    subjectTemplate: '{{first_name}}, {{last_title}} wartet auf Sie',
    bodyTemplate: `Hallo {{first_name}},\n\nEs ist {{months_since_last_view}} Monate her. Wenn Sie bleiben: {{offer}}.\n\nBehalten Sie Ihre {{plan}}-Mitgliedschaft: {{keep_link}}\n\n${KEEP_TAIL.de}`,
  },
  {
    language: 'es',
    subjectTemplate: '{{first_name}}, {{last_title}} te espera',
    bodyTemplate: `Hola {{first_name}}:\n\nHan pasado {{months_since_last_view}} meses. Si te quedas, {{offer}}.\n\nMantén tu suscripción {{plan}}: {{keep_link}}\n\n${KEEP_TAIL.es}`,
  },
];
