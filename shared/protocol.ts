// The wire protocol between the browser and the sync server: y-websocket's message types plus our own.
// Both sides import these numbers; neither writes them as bare literals.

export const MessageType = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
  sync: 0,
  /** y-protocols awareness: presence, carets. */
  awareness: 1,
  /** y-websocket auth: permission denied with a reason. */
  auth: 2,
  /** y-websocket: ask for everyone's awareness. */
  queryAwareness: 3,
  /**
   * Cylch: a save checkpoint. Client to server: a number, asking "tell me when everything I have sent so far is on
   * disk". Server to client: the same number, once it is. This is what "All changes saved" rests on.
   */
  checkpoint: 101,
  /**
   * Cylch: server to client only. The connection's rights in the plan, as JSON (`accessMessageSchema` in
   * shared/schemas.ts): sent once when the plan opens and again whenever the circle changes them. The browser uses
   * it to show what can be edited; the server enforces the same rights on every update.
   */
  access: 102,
  /**
   * Cylch: server to client only, no payload. The plan's record changed other than by an edit (a version was saved,
   * an agreement or sign-off recorded): the browser fetches what it shows of it again.
   */
  recordChanged: 103,
  /**
   * Cylch: server to client only, no payload. The plan's comments or suggestions changed (one was added, answered,
   * resolved, accepted or declined): the browser fetches GET /api/plans/:planId/discussion again.
   */
  discussionChanged: 104,
  /**
   * Cylch: server to client only, no payload. A meeting of the plan changed (started, joined, moved on, a decision or
   * an action captured, its timer, its agreement round, ended): the browser fetches GET /api/plans/:planId/meetings
   * again (and those following the meeting move to its current agenda item).
   */
  meetingChanged: 105,
} as const;

export type MessageTypeId = (typeof MessageType)[keyof typeof MessageType];

/** Name of a section's shared type inside the plan's Y.Doc. */
export const sectionFieldName = (sectionId: string): string => `section:${sectionId}`;
