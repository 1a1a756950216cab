// The English and Welsh catalogues, shared by the browser (and, later, server-made exports and emails).

import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const catalogues = { en, cy } as const;
export type Catalogue = typeof en;
