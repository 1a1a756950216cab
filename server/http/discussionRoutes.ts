// REST routes for comments and suggestions (mounted at /api/plans/:planId): thin — validate the body with the
// contract's strict schemas (a body that names an author is refused) and call the named operation in
// server/discussion/discussionOperations.ts, which checks membership and rights and stamps who and when.

import { Router, type Request } from 'express';
import { newCommentSchema, newReplySchema, newSuggestionSchema, resolveCommentSchema, suggestionDecisionSchema } from '../../shared/discussion.js';
import type { PlanDiscussions } from '../discussion/discussionOperations.js';
import { requireAccount } from './sessions.js';
import { parseOrThrow } from './validate.js';

const param = (req: Request, name: string) => String((req.params as Record<string, string | undefined>)[name]);

export function discussionRoutes(discussions: PlanDiscussions): Router {
  const router = Router({ mergeParams: true });
  router.get('/discussion', requireAccount, async (req, res) => {
    res.json(await discussions.discussion(param(req, 'planId'), req.account!.id));
  });
  router.post('/comments', requireAccount, async (req, res) => {
    const body = parseOrThrow(newCommentSchema, req.body);
    res.status(201).json(await discussions.addComment(param(req, 'planId'), req.account!.id, body));
  });
  router.post('/comments/:commentId/replies', requireAccount, async (req, res) => {
    const { text } = parseOrThrow(newReplySchema, req.body);
    res.status(201).json(await discussions.addReply(param(req, 'planId'), req.account!.id, param(req, 'commentId'), text));
  });
  router.patch('/comments/:commentId', requireAccount, async (req, res) => {
    const { resolved } = parseOrThrow(resolveCommentSchema, req.body);
    res.json(await discussions.resolveComment(param(req, 'planId'), req.account!.id, param(req, 'commentId'), resolved));
  });
  router.post('/suggestions', requireAccount, async (req, res) => {
    const body = parseOrThrow(newSuggestionSchema, req.body);
    res.status(201).json(await discussions.addSuggestion(param(req, 'planId'), req.account!.id, body));
  });
  router.post('/suggestions/:suggestionId/decision', requireAccount, async (req, res) => {
    const decision = parseOrThrow(suggestionDecisionSchema, req.body);
    res.json(await discussions.decideSuggestion(param(req, 'planId'), req.account!.id, param(req, 'suggestionId'), decision));
  });
  return router;
}
