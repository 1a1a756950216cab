// REST routes for meetings (mounted at /api/plans/:planId): thin — validate the body or query with the contract's
// strict schemas (a body that names a person or a time is refused) and call the named operation in
// server/meeting/meetingOperations.ts, which checks membership and rights and stamps who and when.

import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { CopyFormat } from '../../shared/copies.js';
import { capturedActionSchema, meetingChangeSchema, meetingRecordQuerySchema, newDecisionSchema, startMeetingSchema } from '../../shared/meeting.js';
import type { PlanMeetings } from '../meeting/meetingOperations.js';
import { requireAccount } from './sessions.js';
import { parseOrThrow } from './validate.js';

const param = (req: Request, name: string) => String((req.params as Record<string, string | undefined>)[name]);

const emptyBodySchema = z.strictObject({}).optional();

const MEDIA_TYPES: Record<CopyFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function meetingRoutes(meetings: PlanMeetings, rebuildLimit: RequestHandler): Router {
  const router = Router({ mergeParams: true });
  const ids = (req: Request) => [param(req, 'planId'), req.account!.id, param(req, 'meetingId')] as const;
  /** Requests that carry nothing: no body, or an empty JSON object (a body naming a person or a time is refused). */
  const noBody = (req: Request) => void parseOrThrow(emptyBodySchema, req.body);

  router.get('/meetings', requireAccount, async (req, res) => {
    res.json(await meetings.list(param(req, 'planId'), req.account!.id));
  });
  router.post('/meetings', requireAccount, async (req, res) => {
    const { kind } = parseOrThrow(startMeetingSchema, req.body);
    res.status(201).json(await meetings.start(param(req, 'planId'), req.account!.id, kind));
  });
  router.post('/meetings/:meetingId/join', requireAccount, async (req, res) => {
    noBody(req);
    res.json(await meetings.join(...ids(req)));
  });
  router.patch('/meetings/:meetingId', requireAccount, async (req, res) => {
    const change = parseOrThrow(meetingChangeSchema, req.body);
    res.json(await meetings.changeCourse(...ids(req), change));
  });
  router.post('/meetings/:meetingId/decisions', requireAccount, async (req, res) => {
    const decision = parseOrThrow(newDecisionSchema, req.body);
    res.status(201).json(await meetings.addDecision(...ids(req), decision));
  });
  router.post('/meetings/:meetingId/actions', requireAccount, async (req, res) => {
    const { actionId } = parseOrThrow(capturedActionSchema, req.body);
    res.json(await meetings.captureAction(...ids(req), actionId));
  });
  router.post('/meetings/:meetingId/agreement-round', requireAccount, async (req, res) => {
    noBody(req);
    res.json(await meetings.startAgreementRound(...ids(req)));
  });
  router.post('/meetings/:meetingId/end', requireAccount, async (req, res) => {
    noBody(req);
    res.json(await meetings.end(...ids(req)));
  });
  router.get('/meetings/:meetingId/record.json', requireAccount, async (req, res) => {
    res.json(await meetings.record(...ids(req)));
  });
  for (const format of ['pdf', 'docx'] as const) {
    // Files take some making, and each download is kept in the history: limited like the plan's own copies.
    router.get(`/meetings/:meetingId/record.${format}`, requireAccount, rebuildLimit, async (req, res) => {
      const { lang } = parseOrThrow(meetingRecordQuerySchema, req.query);
      const { file, title } = await meetings.recordFile(...ids(req), format, lang);
      res.attachment(`${title.replace(/[^\p{L}\p{N} _-]+/gu, '').replace(/\s+/g, ' ').trim() || 'meeting'}.${format}`);
      res.type(MEDIA_TYPES[format]).send(file);
    });
  }
  return router;
}
