// The keep page's strings in English: the reference catalogue (every other locale has exactly these
// keys, lib/i18n/keep/catalogues.test.ts). ICU MessageFormat, formatted by lib/i18n/keep/format.ts.
// Named formats: {price, number, price} is the member's monthly price in their currency;
// {endsAt, date, day} a day in UTC.

export const en = {
  'page.title': 'Keep your membership',
  'open.heading': 'Do you want to keep your membership, {firstName}?',
  'open.body':
    'You are on the {plan} plan at {price, number, price} a month. You have not watched anything for a while, so we will cancel it unless you tell us you want to keep it.',
  'open.offer': 'Our offer: your last month is on us.',
  'answer.keep': 'Keep my membership',
  'answer.offer': 'Keep my membership and take the offer',
  'answer.leave': 'Cancel my membership',
  'leave.heading': 'Cancel your membership?',
  'leave.body':
    'Your membership ends at the end of the month you have paid for, on {endsAt, date, day}. Until then you can keep watching. If you change your mind within {retentionDays, plural, one {# day} other {# days}}, rejoin and your account comes back as it was.',
  'leave.reasonLegend': 'Why are you leaving? (optional)',
  'reason.too_expensive': 'It is too expensive',
  'reason.not_enough_to_watch': 'There is not enough I want to watch',
  'reason.not_watching': 'I do not watch any more',
  'reason.technical_problems': 'Technical problems',
  'reason.other_service': 'I am moving to another service',
  'reason.other': 'Another reason',
  'leave.noteLabel': 'Anything you want to tell us? (optional)',
  'leave.counter': '{used, number} of {max, number} characters',
  'leave.confirm': 'Yes, cancel at the end of my paid month',
  'leave.back': 'Go back',
  'done.kept.title': 'Thank you, {firstName}. Your membership stays.',
  'done.kept.body': 'You do not need to do anything else. We will not cancel your membership because of this message.',
  'done.offer.title': 'Thank you, {firstName}. Your membership stays, with your offer.',
  'done.offer.body': 'Your last month is on us. You do not need to do anything else.',
  'done.left.title': 'Your membership ends on {endsAt, date, day}.',
  'done.left.body':
    'You can keep watching until then. If you change your mind, rejoin from your account and it comes back as it was.',
  'used.title': 'You have already answered, {firstName}.',
  'expired.title': 'This link has expired.',
  'expired.body':
    'The time to answer this message has passed. If you want to keep or restore your membership, sign in to your account or contact support.',
  'closed.title': 'This link is no longer active.',
  'closed.body': 'If you want to keep or restore your membership, sign in to your account or contact support.',
  'invalid.title': 'We could not read this link.',
  'invalid.body': 'It may have been cut off or changed. Open it again from the email we sent, or sign in to your account.',
  'error.generic': 'Something went wrong. Please try again.',
} as const;

export type KeepKey = keyof typeof en;
export type KeepCatalogue = Record<KeepKey, string>;
