// Stable ids for every error the REST API returns. The browser shows `errors.<id>` from i18n;
// the server also sends an English message for other callers (scripts, logs).

export const ERROR_IDS = [
  'invalidRequest',
  'invalidPlanId',
  'planNotFound',
  'planDamaged',
  'bodyTooLarge',
  'tooManyRequests',
  'notSignedIn',
  'wrongEmailOrPassword',
  'wrongPassword',
  'emailTaken',
  'tooManySignInAttempts',
  'crossSiteRequest',
  'notAllowed',
  'invitationNotFound',
  'invitationUsed',
  'invitationWithdrawn',
  'invitationExpired',
  'alreadyInCircle',
  'notInCircle',
  'memberNotFound',
  'cannotChangePerson',
  'lastManager',
  'historyEntryNotFound',
  'versionNotFound',
  'historyDamaged',
  'sectionNotYours',
  'recordNotWritten',
  'restoreNotPossible',
  'tooManyRebuilds',
  'commentNotFound',
  'suggestionNotFound',
  'anchorNotFound',
  'passageChanged',
  'suggestionDecided',
  'suggestionOutdated',
  'tooManyComments',
  'tooManyFromYou',
  'tooManyChanges',
  'tooManyReplies',
  'tooManySuggestions',
  'discussionDamaged',
  'meetingNotFound',
  'meetingInProgress',
  'meetingEnded',
  'notAttending',
  'notFacilitator',
  'actionNotFound',
  'tooManyMeetings',
  'meetingFull',
  'meetingsDamaged',
  'notFound',
  'internal',
] as const;

export type ErrorId = (typeof ERROR_IDS)[number];

/** The body of every error response. */
export interface ErrorBody {
  error: { id: ErrorId; message: string; issues?: { path: string; message: string }[] };
}
