// The page frame (skip link, header, language choice) and the page for the current address.

import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './components/LanguageSwitcher.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PlanPage } from './pages/PlanPage.js';
import { matchRoute, navigate, usePath } from './router.js';

export function App() {
  const { t } = useTranslation();
  const route = matchRoute(usePath());
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <a
          className="brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </a>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'home' && <HomePage />}
        {route.page === 'plan' && <PlanPage key={route.planId} planId={route.planId} />}
        {route.page === 'notFound' && <NotFoundPage />}
      </main>
    </>
  );
}
