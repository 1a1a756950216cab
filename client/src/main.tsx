// Browser entry: set up languages, then show the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AccountProvider } from './account.js';
import { App } from './App.js';
import { applyStoredDisplay } from './display/display.js';
import { setUpI18n } from './i18n.js';
import './styles.css';

applyStoredDisplay();
await setUpI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AccountProvider>
      <App />
    </AccountProvider>
  </StrictMode>,
);
