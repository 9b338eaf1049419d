import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { PAGE_LANGUAGE_HEADER, pageLanguage } from '@/lib/i18n/page-language';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Rekindle', template: '%s · Rekindle' },
  description: 'Dealing fairly with dormant members',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request also renders every page per request, which the CSP needs: Next puts the
  // request's nonce on its scripts only while rendering (a page built ahead would have none).
  // English, except a member's keep page (proxy.ts names its language; only known locales pass).
  const lang = pageLanguage((await headers()).get(PAGE_LANGUAGE_HEADER));
  return (
    <html lang={lang}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
