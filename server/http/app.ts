// The Express app: security headers, the REST API, and the built browser app (with its client-side routes).

import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { LIMITS } from '../../shared/limits.js';
import { errors } from '../errors.js';
import type { AccountStore, CircleStore, PlanStore } from '../storage/types.js';
import { accountRoutes } from './accountRoutes.js';
import type { AccessEvents } from '../accessEvents.js';
import { invitationRoutes, planCircleRoutes, planInvitationRoutes } from './circleRoutes.js';
import { sameSiteJsonOnly } from './csrf.js';
import { loadSession } from './sessions.js';
import { errorHandler } from './errorHandler.js';
import type { PlanHistories } from '../history/historyOperations.js';
import { historyRoutes } from './historyRoutes.js';
import { recordRoutes } from './recordRoutes.js';
import { discussionRoutes } from './discussionRoutes.js';
import type { PlanDiscussions } from '../discussion/discussionOperations.js';
import { meetingRoutes } from './meetingRoutes.js';
import type { PlanMeetings } from '../meeting/meetingOperations.js';
import { conversationChangeLimit, historyRebuildLimit } from './rebuildLimit.js';
import type { PlanRecords } from '../history/planRecords.js';
import type { PlanCopies } from '../exports/planCopies.js';
import { planRoutes } from './planRoutes.js';

export function createApp(options: {
  store: PlanStore;
  accounts: AccountStore;
  circles: CircleStore;
  events: AccessEvents;
  histories: PlanHistories;
  records: PlanRecords;
  copies: PlanCopies;
  discussions: PlanDiscussions;
  meetings: PlanMeetings;
  log: Logger;
  clientDir: string;
}): express.Express {
  const { store, accounts, circles, events, histories, records, copies, discussions, meetings, log, clientDir } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          // ProseMirror decorations (collaborators' selections) set style attributes; never style elements.
          styleSrcAttr: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // Served over plain http on localhost by default; HSTS belongs to whoever terminates TLS.
      strictTransportSecurity: false,
    }),
  );

  const api = express.Router();
  api.use(sameSiteJsonOnly);
  api.use(express.json({ limit: LIMITS.maxRestBodyBytes }));
  api.use(loadSession(accounts));
  api.get('/health', (_req, res) => void res.json({ ok: true }));
  api.use('/account', accountRoutes(accounts, events));
  api.use('/plans/:planId/invitations', planInvitationRoutes(store, circles, events));
  api.use('/plans/:planId/circle', planCircleRoutes({ store, accounts, circles, events }));
  const rebuildLimit = historyRebuildLimit();
  api.use('/plans/:planId/history', historyRoutes(store, circles, histories, rebuildLimit));
  api.use('/plans/:planId', recordRoutes(store, circles, records, copies, rebuildLimit));
  api.use(['/plans/:planId/comments', '/plans/:planId/suggestions', '/plans/:planId/meetings'], conversationChangeLimit());
  api.use('/plans/:planId', discussionRoutes(discussions));
  api.use('/plans/:planId', meetingRoutes(meetings, rebuildLimit));
  api.use('/plans', planRoutes(store, circles, events, records, discussions));
  api.use('/invitations', invitationRoutes(circles, events));
  api.use((_req, _res, next) => next(errors.notFound()));
  app.use('/api', api);

  const indexHtml = path.join(clientDir, 'index.html');
  if (existsSync(indexHtml)) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/, /plans/<id>, …) all load the app.
    app.get(/^\/(?!api\/|sync\/).*/, (_req, res) => res.sendFile(indexHtml, { maxAge: 0 }));
  } else {
    log.warn({ clientDir }, 'the browser app is not built; run `npm run build`');
    app.get('/', (_req, res) => void res.type('text').send('Cylch: the browser app is not built. Run `npm run build`.'));
  }
  app.use((_req, _res, next) => next(errors.notFound()));
  app.use(errorHandler(log));
  return app;
}
