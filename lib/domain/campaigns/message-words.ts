import type { Offer } from './message-vars';

// The few words the renderer itself puts into a message (the offer's text, the greeting when a
// name is unknown, the title when none is known), per language. Keyed by primary language; any
// other language gets the English words. Templates are written by staff per language; these fill in.

export type MessageWords = { offer: Record<Offer, string>; nobody: string; latestReleases: string };

export const MESSAGE_WORDS: Readonly<Record<string, MessageWords>> = {
  en: { offer: { none: '', free_month: 'your last month is on us' }, nobody: 'there', latestReleases: 'our latest releases' },
  fr: {
    offer: { none: '', free_month: 'votre dernier mois est offert' },
    nobody: 'à vous',
    latestReleases: 'nos dernières sorties',
  },
  de: {
    offer: { none: '', free_month: 'Ihr letzter Monat geht auf uns' },
    nobody: 'zusammen',
    latestReleases: 'unsere neuesten Titel',
  },
  es: {
    offer: { none: '', free_month: 'tu último mes corre de nuestra cuenta' },
    nobody: 'hola',
    latestReleases: 'nuestros últimos estrenos',
  },
  pt: {
    offer: { none: '', free_month: 'o seu último mês é por nossa conta' },
    nobody: 'olá',
    latestReleases: 'os nossos últimos lançamentos',
  },
  it: {
    offer: { none: '', free_month: "l'ultimo mese te lo offriamo noi" },
    nobody: 'ciao',
    latestReleases: 'le nostre ultime uscite',
  },
  ja: { offer: { none: '', free_month: '最後の1か月分は無料です' }, nobody: 'お客様', latestReleases: '最新作' },
};

/** The renderer's words for a language tag (by its primary subtag), English when there are none. */
export function wordsFor(language: string): MessageWords {
  const primary = (language.split('-')[0] ?? '').toLowerCase();
  return MESSAGE_WORDS[primary] ?? (MESSAGE_WORDS.en as MessageWords);
}
