/**
 * The root layout of every page: one per locale, so `<html lang>` is the page's language. `/` is sent
 * to the default locale by proxy.ts.
 */
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '../site.css';
import '../../comments/comment-section.css';
import { LOCALE_PATTERN } from '../../lib/settings';
import { homePath } from '../../lib/urls';

export const metadata: Metadata = {
  title: { default: 'The Example Gazette', template: '%s · The Example Gazette' },
};

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  const lang = LOCALE_PATTERN.test(locale) ? locale : 'en';
  return (
    <html lang={lang}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <a className="site-name" href={homePath(lang)}>
            The Example Gazette
          </a>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
