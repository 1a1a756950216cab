// The page frame (skip link, header with account links and language choice) and the page for the current address.

import { useTranslation } from 'react-i18next';
import { AccountNav } from './components/AccountNav.js';
import { DisplaySettings, DisplaySync } from './display/DisplaySettings.js';
import { LanguageSwitcher } from './components/LanguageSwitcher.js';
import { Link } from './components/Link.js';
import { AccessibilityPage } from './pages/AccessibilityPage.js';
import { AccountPage } from './pages/AccountPage.js';
import { ComparePage } from './pages/ComparePage.js';
import { HistoryPage } from './pages/HistoryPage.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PlanPage } from './pages/PlanPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { SignUpPage } from './pages/SignUpPage.js';
import { matchRoute, usePath } from './router.js';
import { InvitationPage } from './pages/InvitationPage.js';
import { VersionsPage } from './pages/VersionsPage.js';
import { CopiesPage } from './pages/CopiesPage.js';

export function App() {
  const { t } = useTranslation();
  const route = matchRoute(usePath());
  return (
    <>
      <DisplaySync />
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <Link className="brand" href="/">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <div className="header-tools">
          <AccountNav />
          <DisplaySettings />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'home' && <HomePage />}
        {route.page === 'plan' && <PlanPage key={route.planId} planId={route.planId} />}
        {route.page === 'history' && <HistoryPage key={route.planId} planId={route.planId} />}
        {route.page === 'versions' && <VersionsPage key={route.planId} planId={route.planId} />}
        {route.page === 'compare' && <ComparePage key={route.planId} planId={route.planId} />}
        {route.page === 'copies' && <CopiesPage key={route.planId} planId={route.planId} />}
        {route.page === 'signIn' && <SignInPage />}
        {route.page === 'signUp' && <SignUpPage />}
        {route.page === 'account' && <AccountPage />}
        {route.page === 'accessibility' && <AccessibilityPage />}
        {route.page === 'invitation' && <InvitationPage key={route.token} token={route.token} />}
        {route.page === 'notFound' && <NotFoundPage />}
      </main>
      <footer className="site-footer">
        <Link href="/accessibility">{t('accessibility.link')}</Link>
      </footer>
    </>
  );
}
