// Calls to the REST API. Errors come back with a stable id that the page shows as `errors.<id>`, and, for a
// request the server found invalid, the fields at fault, so a form can say which one to fix.

import { z } from 'zod';
import { copyListSchema, type CopyFormat, type CopyLanguage, type CopyList } from '../../shared/copies.js';
import { discussionSchema, type Anchor, type Discussion, type SuggestionDecision } from '../../shared/discussion.js';
import { ERROR_IDS, type ErrorId } from '../../shared/errors.js';
import { meetingRecordSchema, meetingSchema, meetingsAnswerSchema, type Meeting, type MeetingChange, type MeetingKind, type MeetingRecord, type MeetingsAnswer } from '../../shared/meeting.js';
import type { PreferencesUpdate } from '../../shared/preferences.js';
import {
  historyDocumentSchema,
  historyPageSchema,
  historyVerificationSchema,
  type HistoryDocument,
  type HistoryPage,
  type HistoryVerification,
} from '../../shared/history.js';
import type { SectionId } from '../../shared/sections.js';
import {
  agreementStatementSchema,
  agreementViewSchema,
  planComparisonSchema,
  restoreResultSchema,
  versionListSchema,
  versionSchema,
  type AgreementRequest,
  type AgreementStatement,
  type AgreementView,
  type PlanComparison,
  type RestoreRequest,
  type RestoreResult,
  type Version,
  type VersionList,
} from '../../shared/versions.js';
import {
  accountSchema,
  circleAnswerSchema,
  createPlanAnswerSchema,
  myPlansAnswerSchema,
  planMetaSchema,
  type ChangeMemberBody,
  type CircleAnswer,
  type CreatePlanAnswer,
  type MyPlan,
  type Account,
  type ChangePasswordBody,
  type CreateInvitationBody,
  type CreatePlanBody,
  type PlanMeta,
  type SignInBody,
  type SignUpBody,
} from '../../shared/schemas.js';

/** One problem the server found in a request: `path` names the field (for example `email`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly id: ErrorId | 'network',
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(id);
  }
}

/** The i18n key of the message to show for a failed call: `errors.<id>`, or the generic one. */
export function errorKey(err: unknown): string {
  return `errors.${err instanceof ApiError ? err.id : 'internal'}`;
}

const errorBodySchema = z.object({
  error: z.object({
    id: z.enum(ERROR_IDS),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

type Change = { post: unknown } | { patch: unknown } | { put: unknown } | { delete: true };

/**
 * GET, or a change (POST, PATCH, PUT, DELETE) with a JSON body. Every change says `Content-Type: application/json`
 * (with `{}` when there is nothing to send): a cross-site form cannot send that, which is how the server tells our
 * page from another site.
 */
async function call(path: string, options: Change | Record<string, never> = {}): Promise<unknown> {
  const change =
    'post' in options ? { method: 'POST', body: options.post }
    : 'patch' in options ? { method: 'PATCH', body: options.patch }
    : 'put' in options ? { method: 'PUT', body: options.put }
    : 'delete' in options ? { method: 'DELETE', body: {} }
    : null;
  const init: RequestInit = change
    ? {
        method: change.method,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(change.body ?? {}),
      }
    : { headers: { accept: 'application/json' } };
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin' });
  } catch {
    throw new ApiError('network');
  }
  // 204 No Content (and any body that is not JSON) reads as null.
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(body);
    throw parsed.success ? new ApiError(parsed.data.error.id, parsed.data.error.issues ?? []) : new ApiError('internal');
  }
  return body;
}

/** A successful answer that is not what the contract says is a server fault, not a crash in the page. */
function parseAnswer<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('internal');
  return parsed.data;
}

const accountAnswerSchema = z.object({ account: accountSchema });

/** Start a plan. For someone else, the answer carries the invitation link (a path) to give them. */
export async function createPlan(body: CreatePlanBody): Promise<CreatePlanAnswer> {
  return parseAnswer(createPlanAnswerSchema, await call('/api/plans', { post: body }));
}

const circlePath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/circle`;

/** Who is in the plan's circle, and what I may do in it. */
export async function fetchCircle(planId: string): Promise<CircleAnswer> {
  return parseAnswer(circleAnswerSchema, await call(circlePath(planId)));
}

/** Change a member's level, or name or stop a plan manager. */
export async function changeMember(planId: string, accountId: string, body: ChangeMemberBody): Promise<CircleAnswer> {
  return parseAnswer(circleAnswerSchema, await call(`${circlePath(planId)}/members/${encodeURIComponent(accountId)}`, { patch: body }));
}

/** Take someone out of the circle: they lose access at once. */
export async function removeMember(planId: string, accountId: string): Promise<CircleAnswer> {
  return parseAnswer(circleAnswerSchema, await call(`${circlePath(planId)}/members/${encodeURIComponent(accountId)}`, { delete: true }));
}

/** Open a section to everyone in the circle who can write, or close it again. */
export async function setSectionOpen(planId: string, sectionId: SectionId, open: boolean): Promise<CircleAnswer> {
  return parseAnswer(circleAnswerSchema, await call(`${circlePath(planId)}/sections/${sectionId}`, { put: { open } }));
}

/** A single-use link for someone to join the plan's circle with this role and level. */
export async function createInvitation(planId: string, body: CreateInvitationBody): Promise<string> {
  const answer = parseAnswer(z.object({ link: z.string().startsWith('/invitations/') }), await call(`/api/plans/${encodeURIComponent(planId)}/invitations`, { post: body }));
  return answer.link;
}

/** Join a circle with an invitation's token; returns the plan's id. */
export async function acceptInvitation(token: string): Promise<string> {
  return parseAnswer(z.object({ planId: z.string() }), await call('/api/invitations/accept', { post: { token } })).planId;
}

/** The signed-in person's plans, with their part in each. */
export async function fetchMyPlans(): Promise<MyPlan[]> {
  return parseAnswer(myPlansAnswerSchema, await call('/api/plans')).plans;
}

export async function fetchPlan(planId: string): Promise<PlanMeta> {
  return parseAnswer(planMetaSchema, await call(`/api/plans/${encodeURIComponent(planId)}`));
}

export async function signUp(body: SignUpBody): Promise<Account> {
  return parseAnswer(accountAnswerSchema, await call('/api/account/sign-up', { post: body })).account;
}

export async function signIn(body: SignInBody): Promise<Account> {
  return parseAnswer(accountAnswerSchema, await call('/api/account/sign-in', { post: body })).account;
}

export async function signOut(): Promise<void> {
  await call('/api/account/sign-out', { post: {} });
}

/** "Who is signed in?" Nobody is an answer too: `{ account: null }`, or the 401 notSignedIn error. */
const currentAccountAnswerSchema = z.object({ account: accountSchema.nullable() });

/** The signed-in account, or null when nobody is signed in on this browser. */
export async function fetchAccount(): Promise<Account | null> {
  try {
    return parseAnswer(currentAccountAnswerSchema, await call('/api/account')).account;
  } catch (err) {
    if (err instanceof ApiError && err.id === 'notSignedIn') return null;
    throw err;
  }
}

/** Changes the password; the server signs out every other session of this account. */
export async function changePassword(body: ChangePasswordBody): Promise<void> {
  await call('/api/account/password', { post: body });
}

const historyPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/history`;

/** What the timeline is asked to show: by whom, in which section, between which days (YYYY-MM-DD, inclusive). */
export interface HistoryFilters {
  by?: string;
  section?: SectionId;
  from?: string;
  to?: string;
}

/** One page of the plan's history, newest first; `before` (an answer's `next`) asks for older entries. */
export async function fetchHistory(planId: string, filters: HistoryFilters, before?: number): Promise<HistoryPage> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (before !== undefined) query.set('before', String(before));
  // Days in the date filters are the reader's own days, not UTC's.
  query.set('tz', String(-new Date().getTimezoneOffset()));
  const search = query.toString();
  return parseAnswer(historyPageSchema, await call(search ? `${historyPath(planId)}?${search}` : historyPath(planId)));
}

/** The whole plan as it was just after history entry `seq`, as a Yjs update. */
export async function fetchPlanAt(planId: string, seq: number): Promise<HistoryDocument> {
  return parseAnswer(historyDocumentSchema, await call(`${historyPath(planId)}/${seq}/document`));
}

/** Whether the plan's record of changes is whole and unchanged (its chain of hashes holds). */
export async function verifyHistory(planId: string): Promise<HistoryVerification> {
  return parseAnswer(historyVerificationSchema, await call(`${historyPath(planId)}/verify`));
}

/** Where to download the whole history, for a subject access request or a complaint. */
export const historyExportPath = (planId: string, format: 'csv' | 'json') => `${historyPath(planId)}/export.${format}`;

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

/** The plan's saved versions, newest first, each saying whether the plan now reads exactly as it did then. */
export async function fetchVersions(planId: string): Promise<VersionList> {
  return parseAnswer(versionListSchema, await call(`${planPath(planId)}/versions`));
}

/** Save the plan as it is now under a name ("Draft for review meeting"). */
export async function saveVersion(planId: string, name: string): Promise<Version> {
  return parseAnswer(versionSchema, await call(`${planPath(planId)}/versions`, { post: { name } }));
}

/** What changed, and who changed it, between the plan just after history entry `from` and `to` (left out: now). */
export async function fetchComparison(planId: string, from: number, to?: number): Promise<PlanComparison> {
  const query = new URLSearchParams({ from: String(from) });
  if (to !== undefined) query.set('to', String(to));
  return parseAnswer(planComparisonSchema, await call(`${planPath(planId)}/compare?${query.toString()}`));
}

/** Make one section (or the whole plan) read as it did just after entry `seq`: a new change, nothing is lost. */
export async function restorePlan(planId: string, request: RestoreRequest): Promise<RestoreResult> {
  return parseAnswer(restoreResultSchema, await call(`${planPath(planId)}/restore`, { post: request }));
}

/** Who agrees with the plan, who does not and why, the council's sign-off, and who has not said yet. */
export async function fetchAgreement(planId: string): Promise<AgreementView> {
  return parseAnswer(agreementViewSchema, await call(`${planPath(planId)}/agreement`));
}

/** Agree, disagree (with a reason) or, for a social worker, record the council's sign-off, for the plan as it is now. */
export async function recordAgreement(planId: string, request: AgreementRequest): Promise<AgreementStatement> {
  return parseAnswer(agreementStatementSchema, await call(`${planPath(planId)}/agreement`, { post: request }));
}

/** The plan's comments (with replies) and suggestions, and how many wait for the person. */
export async function fetchDiscussion(planId: string): Promise<Discussion> {
  return parseAnswer(discussionSchema, await call(`${planPath(planId)}/discussion`));
}

// The changes below answer with what the server made of them; the page fetches the discussion again afterwards (as
// everyone else's page does on the server's discussionChanged message), so only success matters here.

/** Comment on a passage of a section (`anchor`), or on the whole section (`anchor` null). */
export async function addComment(planId: string, body: { sectionId: SectionId; anchor: Anchor | null; text: string }): Promise<void> {
  await call(`${planPath(planId)}/comments`, { post: body });
}

export async function replyToComment(planId: string, commentId: string, text: string): Promise<void> {
  await call(`${planPath(planId)}/comments/${encodeURIComponent(commentId)}/replies`, { post: { text } });
}

/** Mark a comment as dealt with, or open it again. */
export async function setCommentResolved(planId: string, commentId: string, resolved: boolean): Promise<void> {
  await call(`${planPath(planId)}/comments/${encodeURIComponent(commentId)}`, { patch: { resolved } });
}

/** Suggest new words for a passage (`text` empty: take it out), or words to add at a point. */
export async function suggestChange(planId: string, body: { sectionId: SectionId; anchor: Anchor; text: string }): Promise<void> {
  await call(`${planPath(planId)}/suggestions`, { post: body });
}

/** The person (or their plan manager) accepts a suggestion, which changes the plan, or declines it. */
export async function decideSuggestion(planId: string, suggestionId: string, decision: SuggestionDecision): Promise<void> {
  await call(`${planPath(planId)}/suggestions/${encodeURIComponent(suggestionId)}/decision`, { post: decision });
}

/** Every copy of the plan made so far: who took it, when, in which form and language, of which version, for whom. */
export async function fetchCopies(planId: string): Promise<CopyList> {
  return parseAnswer(copyListSchema, await call(`${planPath(planId)}/copies`));
}

/**
 * Makes a copy of the plan (or of the saved version at entry `version`) as a file, with the name the server gives
 * it. Fetched rather than followed as a link, so a refusal is shown on the page in words, not as a bare answer.
 */
export async function makeCopy(
  planId: string,
  format: CopyFormat,
  request: { lang: CopyLanguage; version: number | null; givenTo: string },
): Promise<{ file: Blob; name: string }> {
  const query = new URLSearchParams({ lang: request.lang });
  if (request.version !== null) query.set('version', String(request.version));
  if (request.givenTo.trim()) query.set('givenTo', request.givenTo.trim());
  let res: Response;
  try {
    res = await fetch(`${planPath(planId)}/copy.${format}?${query.toString()}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError('network');
  }
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(await res.json().catch(() => null));
    throw parsed.success ? new ApiError(parsed.data.error.id, parsed.data.error.issues ?? []) : new ApiError('internal');
  }
  return { file: await res.blob(), name: fileNameOf(res.headers.get('content-disposition'), `plan.${format}`) };
}

/** The file name in a Content-Disposition header (RFC 6266: `filename*` in UTF-8 first, then `filename`). */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain?.[1] || fallback;
}

/** Keep some of the signed-in person's preferences (language, text size, contrast, easy read) with their account. */
export async function savePreferences(update: PreferencesUpdate): Promise<Account> {
  return parseAnswer(accountAnswerSchema, await call('/api/account/preferences', { put: update })).account;
}

const meetingsPath = (planId: string) => `${planPath(planId)}/meetings`;
const meetingPath = (planId: string, meetingId: string) => `${meetingsPath(planId)}/${encodeURIComponent(meetingId)}`;

/** The meeting going on about the plan (or null), and the past ones, newest first. */
export async function fetchMeetings(planId: string): Promise<MeetingsAnswer> {
  return parseAnswer(meetingsAnswerSchema, await call(meetingsPath(planId)));
}

/** Start a planning meeting or a review: whoever starts it runs it and is its first attendee. */
export async function startMeeting(planId: string, kind: MeetingKind): Promise<Meeting> {
  return parseAnswer(meetingSchema, await call(meetingsPath(planId), { post: { kind } }));
}

export async function joinMeeting(planId: string, meetingId: string): Promise<Meeting> {
  return parseAnswer(meetingSchema, await call(`${meetingPath(planId, meetingId)}/join`, { post: {} }));
}

/** Move to an agenda item, or start, stop or reset the timer (the facilitator, or whoever acts for the person). */
export async function changeMeeting(planId: string, meetingId: string, change: MeetingChange): Promise<Meeting> {
  return parseAnswer(meetingSchema, await call(meetingPath(planId, meetingId), { patch: change }));
}

/** Write down a decision under an agenda item; the server stamps who and when. */
export async function recordDecision(planId: string, meetingId: string, body: { sectionId: SectionId; text: string }): Promise<Meeting> {
  return parseAnswer(meetingSchema, await call(`${meetingPath(planId, meetingId)}/decisions`, { post: body }));
}

/** Capture in the meeting an action already in the plan's actions (added by this page to the live plan). */
export async function captureAction(planId: string, meetingId: string, actionId: string): Promise<Meeting> {
  return parseAnswer(meetingSchema, await call(`${meetingPath(planId, meetingId)}/actions`, { post: { actionId } }));
}

export async function startAgreementRound(planId: string, meetingId: string): Promise<Meeting> {
  return parseAnswer(meetingSchema, await call(`${meetingPath(planId, meetingId)}/agreement-round`, { post: {} }));
}

export async function endMeeting(planId: string, meetingId: string): Promise<Meeting> {
  return parseAnswer(meetingSchema, await call(`${meetingPath(planId, meetingId)}/end`, { post: {} }));
}

/** Who attended, the decisions, the actions as the plan has them now, and the agreements given during the meeting. */
export async function fetchMeetingRecord(planId: string, meetingId: string): Promise<MeetingRecord> {
  return parseAnswer(meetingRecordSchema, await call(`${meetingPath(planId, meetingId)}/record.json`));
}

/** Where to download a meeting's record as a file, its labels in `lang` (people's words are never translated). */
export const meetingRecordPath = (planId: string, meetingId: string, format: CopyFormat, lang: CopyLanguage) =>
  `${meetingPath(planId, meetingId)}/record.${format}?lang=${lang}`;
