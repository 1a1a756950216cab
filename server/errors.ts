// Errors with stable ids. Operations throw these; server/http/errorHandler.ts is the one place that turns them
// into responses, and the sync server maps them to close codes. Anything else is an internal error.

import type { ErrorId } from '../shared/errors.js';
import { CloseCode } from '../shared/closeCodes.js';

export class AppError extends Error {
  constructor(
    readonly id: ErrorId,
    readonly status: number,
    message: string,
    readonly closeCode: number = CloseCode.serverError,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** Server faults are logged; a person's bad input is not. */
  get isReportable(): boolean {
    return this.status >= 500;
  }
}

export const errors = {
  invalidRequest: (issues: { path: string; message: string }[]) =>
    new AppError('invalidRequest', 400, 'The request was not valid.', CloseCode.malformedMessage, issues),
  invalidPlanId: () =>
    new AppError('invalidPlanId', 400, 'That is not a valid plan address.', CloseCode.planNotFound),
  planNotFound: () => new AppError('planNotFound', 404, 'No plan has this address.', CloseCode.planNotFound),
  planDamaged: () =>
    new AppError(
      'planDamaged',
      503,
      "This plan's saved copy is damaged and has been set aside so nothing is overwritten. Ask your administrator to restore it.",
      CloseCode.planDamaged,
    ),
  notFound: () => new AppError('notFound', 404, 'There is nothing at this address.'),
  notSignedIn: () => new AppError('notSignedIn', 401, 'Please sign in first.', CloseCode.notSignedIn),
  notInCircle: () => new AppError('notInCircle', 403, 'You are not in this plan’s circle. Ask the person whose plan it is to invite you.', CloseCode.notInCircle),
  memberNotFound: () => new AppError('memberNotFound', 404, 'That person is not in this plan’s circle.'),
  cannotChangePerson: () => new AppError('cannotChangePerson', 403, 'The person whose plan it is cannot be removed or have their rights changed.'),
  historyDamaged: () =>
    new AppError('historyDamaged', 503, 'This plan’s history could not be read back: part of it is damaged. The plan itself is safe. Ask your administrator to restore the history file.'),
  historyEntryNotFound: () => new AppError('historyEntryNotFound', 404, 'There is no such point in this plan’s history.'),
  versionNotFound: () => new AppError('versionNotFound', 404, 'This plan has no saved version there. Choose one from the list of versions.'),
  sectionNotYours: () =>
    new AppError('sectionNotYours', 403, 'This would change a section only someone else may change. Restore a section you can edit, or ask the person whose plan it is.'),
  tooManyRebuilds: () =>
    new AppError('tooManyRebuilds', 429, 'You have asked for many comparisons and past versions in a short time. Please wait a minute and try again.'),
  restoreNotPossible: () =>
    new AppError('restoreNotPossible', 422, 'This could not be restored: part of it can no longer be put back into the plan. Copy the words you need from the comparison instead.'),
  commentNotFound: () => new AppError('commentNotFound', 404, 'There is no such comment on this plan.'),
  suggestionNotFound: () => new AppError('suggestionNotFound', 404, 'There is no such suggestion on this plan.'),
  anchorNotFound: () =>
    new AppError('anchorNotFound', 400, 'The words this is about could not be found in that section. Choose the words again, within one paragraph.'),
  passageChanged: () =>
    new AppError('passageChanged', 409, 'The words you chose have just been changed by someone else. Choose them again.'),
  suggestionDecided: () => new AppError('suggestionDecided', 409, 'This suggestion has already been accepted or declined.'),
  suggestionOutdated: () =>
    new AppError(
      'suggestionOutdated',
      409,
      'The words this suggestion changes have been edited since it was made, so it cannot be put in as it is. It is still open: decline it, or change the words yourself.',
    ),
  tooManyFromYou: () =>
    new AppError('tooManyFromYou', 409, 'You have written as many comments and suggestions on this plan as Cylch keeps for one person. Ask the person whose plan it is to resolve or decide on some first.'),
  tooManyChanges: () => new AppError('tooManyChanges', 429, 'That is a lot of changes in a short time. Please wait a minute and try again.'),
  tooManyComments: () => new AppError('tooManyComments', 409, 'This plan already has as many comments as Cylch can keep for it. Reply to one of them instead.'),
  tooManyReplies: () => new AppError('tooManyReplies', 409, 'This comment has as many replies as it can keep. Start a new comment instead.'),
  tooManySuggestions: () =>
    new AppError('tooManySuggestions', 409, 'This plan has as many suggestions as it can keep. Ask the person whose plan it is to decide on the open ones first.'),
  discussionDamaged: () =>
    new AppError(
      'discussionDamaged',
      503,
      'This plan’s comments and suggestions could not be read back: their file is damaged. The plan itself is safe, and the file has been left as it is. Ask your administrator to restore it.',
    ),
  meetingNotFound: () => new AppError('meetingNotFound', 404, 'There is no such meeting for this plan.'),
  meetingInProgress: () =>
    new AppError('meetingInProgress', 409, 'A meeting about this plan is already going on. Join it, or wait until it has ended to start another.'),
  meetingEnded: () => new AppError('meetingEnded', 409, 'This meeting has ended, so it cannot be changed. Its record can still be read and downloaded.'),
  notAttending: () => new AppError('notAttending', 403, 'Join the meeting first, then you can add to it.'),
  notFacilitator: () =>
    new AppError('notFacilitator', 403, 'Only the person running the meeting (or the person whose plan it is) can do that.'),
  actionNotFound: () =>
    new AppError('actionNotFound', 404, 'That action is not in the plan’s list of actions. Add it to the plan first, then capture it in the meeting.'),
  tooManyMeetings: () => new AppError('tooManyMeetings', 409, 'This plan has as many meeting records as Cylch can keep for it, so another meeting cannot be started.'),
  meetingFull: () =>
    new AppError('meetingFull', 409, 'This meeting has as many decisions or actions as it can keep. End it and start another to carry on.'),
  meetingsDamaged: () =>
    new AppError(
      'meetingsDamaged',
      503,
      'This plan’s meeting records could not be read back: their file is damaged. The plan itself is safe, and the file has been left as it is. Ask your administrator to restore it.',
    ),
  recordNotWritten: () => new AppError('recordNotWritten', 503, 'It could not be recorded just now. Please try again in a moment.'),
  lastManager: () => new AppError('lastManager', 409, 'Someone must be able to look after the circle: name another plan manager first.'),
  wrongEmailOrPassword: () => new AppError('wrongEmailOrPassword', 401, 'That email address and password do not match an account.'),
  wrongPassword: () => new AppError('wrongPassword', 403, 'Your current password was not right.'),
  emailTaken: () => new AppError('emailTaken', 409, 'There is already an account with this email address. Try signing in.'),
  tooManySignInAttempts: () =>
    new AppError('tooManySignInAttempts', 429, 'Too many attempts to sign in. Please wait 15 minutes and try again.'),
  notAllowed: () => new AppError('notAllowed', 403, 'You do not have the rights to do that in this plan.'),
  invitationNotFound: () => new AppError('invitationNotFound', 404, 'This invitation link is not known. Check the link, or ask for a new one.'),
  invitationUsed: () => new AppError('invitationUsed', 410, 'This invitation has already been used. Ask for a new one if you need it.'),
  invitationWithdrawn: () => new AppError('invitationWithdrawn', 410, 'This invitation was withdrawn. Ask the person who sent it.'),
  invitationExpired: () => new AppError('invitationExpired', 410, 'This invitation has run out. Ask for a new one.'),
  alreadyInCircle: () => new AppError('alreadyInCircle', 409, 'You are already in this plan’s circle.'),
  crossSiteRequest: () => new AppError('crossSiteRequest', 403, 'This request did not come from Cylch itself, so it was refused.'),
  bodyTooLarge: () => new AppError('bodyTooLarge', 413, 'The request was too large.'),
  tooManyRequests: () => new AppError('tooManyRequests', 429, 'Too many requests from this address. Please wait a few minutes and try again.'),
  internal: () => new AppError('internal', 500, 'Something went wrong on the server. Please try again.'),
};

/** Raised by a store when a file it reads back is not what it wrote. */
export class DamagedFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Damaged file ${file}: ${reason}`);
    this.name = 'DamagedFileError';
  }
}
