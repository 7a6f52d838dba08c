/** Links to the article's other languages (the same list as the page's hreflang alternates). */
import type { ReactNode } from 'react';

export interface LanguageLink {
  locale: string;
  href: string;
}

const languageName = (locale: string): string => {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
};

export function LanguageSwitcher({
  current,
  links,
}: {
  current: string;
  links: LanguageLink[];
}): ReactNode {
  if (links.length === 0) return null;
  return (
    <nav className="language-switcher" aria-label="Languages">
      <ul>
        <li>
          <span aria-current="page" lang={current}>
            {languageName(current)}
          </span>
        </li>
        {links.map((link) => (
          <li key={link.locale}>
            <a href={link.href} hrefLang={link.locale} lang={link.locale}>
              {languageName(link.locale)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
