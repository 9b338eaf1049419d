import type { KeepCatalogue } from './en';

export const ja: KeepCatalogue = {
  'page.title': 'メンバーシップの継続',
  'open.heading': '{firstName}様、メンバーシップを継続しますか？',
  'open.body':
    '現在ご利用中のプランは{plan}（月額{price, number, price}）です。しばらくご視聴がないため、継続のご希望をいただけない場合はメンバーシップを解約いたします。',
  'open.offer': '特典：最後の1か月分を無料にいたします。',
  'answer.keep': 'メンバーシップを継続する',
  'answer.offer': 'メンバーシップを継続して特典を受け取る',
  'answer.leave': 'メンバーシップを解約する',
  'leave.heading': 'メンバーシップを解約しますか？',
  'leave.body':
    'メンバーシップはお支払い済みの期間が終わる{endsAt, date, day}に終了します。それまでは引き続きご視聴いただけます。{retentionDays, plural, other {#日}}以内にお気持ちが変わった場合は、再入会いただくとアカウントが元どおりに戻ります。',
  'leave.reasonLegend': '解約の理由をお聞かせください（任意）',
  'reason.too_expensive': '料金が高すぎる',
  'reason.not_enough_to_watch': '見たい作品が少ない',
  'reason.not_watching': 'もう視聴していない',
  'reason.technical_problems': '技術的な問題がある',
  'reason.other_service': '別のサービスに移る',
  'reason.other': 'その他の理由',
  'leave.noteLabel': 'ほかにお伝えいただきたいことはありますか？（任意）',
  'leave.counter': '{used, number} / {max, number} 文字',
  'leave.confirm': 'はい、お支払い済みの月の終わりに解約します',
  'leave.back': '戻る',
  'done.kept.title': '{firstName}様、ありがとうございます。メンバーシップは継続されます。',
  'done.kept.body': 'これ以上の手続きは不要です。このメッセージを理由にメンバーシップを解約することはありません。',
  'done.offer.title': '{firstName}様、ありがとうございます。特典付きでメンバーシップが継続されます。',
  'done.offer.body': '最後の1か月分は無料です。これ以上の手続きは不要です。',
  'done.left.title': 'メンバーシップは{endsAt, date, day}に終了します。',
  'done.left.body':
    'それまでは引き続きご視聴いただけます。お気持ちが変わった場合は、アカウントから再入会いただくと元どおりに戻ります。',
  'used.title': '{firstName}様、すでにご回答いただいています。',
  'expired.title': 'このリンクは有効期限が切れています。',
  'expired.body':
    'このメッセージへの回答期限は過ぎました。メンバーシップの継続または復元をご希望の場合は、アカウントにログインするか、サポートまでお問い合わせください。',
  'closed.title': 'このリンクは現在無効です。',
  'closed.body': 'メンバーシップの継続または復元をご希望の場合は、アカウントにログインするか、サポートまでお問い合わせください。',
  'invalid.title': 'このリンクを読み取れませんでした。',
  'invalid.body':
    'リンクが途中で切れているか、変更されている可能性があります。お送りしたメールからもう一度開くか、アカウントにログインしてください。',
  'error.generic': '問題が発生しました。もう一度お試しください。',
};
