import { Link, Outlet } from '@tanstack/react-router';
import { createContext, Suspense, useContext, useEffect, useState } from 'react';
import { Loading } from '../app/Loading.js';
import { initialLang, isLang, LANGUAGES, t } from './i18n.js';
import type { Lang, MessageKey } from './i18n.js';

const LangContext = createContext<Lang>('en');

/** The portal's translator for the visitor's chosen language. */
export function useT(): { lang: Lang; t: (key: MessageKey, vars?: Record<string, string>) => string } {
  const lang = useContext(LangContext);
  return { lang, t: (key, vars) => t(lang, key, vars) };
}

/** The frame of the public portal: no account, a language choice, and the page's `lang` kept right. */
export function PublicLayout() {
  const [lang, setLang] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'portal');
    try {
      localStorage.setItem('accord.public.lang', lang);
    } catch {
      // Storage may be off; the choice then lasts for this page only.
    }
  }, [lang]);
  return (
    <LangContext.Provider value={lang}>
      <div className="shell public" lang={lang}>
        <a className="skip" href="#main">
          {t(lang, 'skip')}
        </a>
        <header className="topbar">
          <span className="brand">{t(lang, 'portal')}</span>
          <nav aria-label={t(lang, 'portal')}>
            <Link to="/public" activeOptions={{ exact: true }} activeProps={{ 'aria-current': 'page' }}>
              {t(lang, 'nav_home')}
            </Link>
            <Link to="/public/ransomware" activeProps={{ 'aria-current': 'page' }}>
              {t(lang, 'nav_ransomware')}
            </Link>
            <Link to="/public/advisories" activeProps={{ 'aria-current': 'page' }}>
              {t(lang, 'nav_advisories')}
            </Link>
            <Link to="/public/report" activeProps={{ 'aria-current': 'page' }}>
              {t(lang, 'nav_report')}
            </Link>
          </nav>
          <label className="who">
            {t(lang, 'language')}{' '}
            <select
              value={lang}
              onChange={(e) => {
                if (isLang(e.target.value)) setLang(e.target.value);
              }}
            >
              {Object.entries(LANGUAGES).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </header>
        <main id="main">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </LangContext.Provider>
  );
}
