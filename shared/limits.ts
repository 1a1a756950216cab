// Every limit that the browser and the server must agree on, in one place.

export const LIMITS = {
  /** Largest WebSocket message the server accepts from a client, in bytes. */
  maxMessageBytes: 1024 * 1024,
  /** Largest awareness (presence) state of one client, in bytes of JSON. */
  maxAwarenessStateBytes: 4 * 1024,
  /** Deepest nesting allowed inside an awareness state. */
  maxAwarenessDepth: 6,
  /** Most people connected to one plan at the same time. */
  maxConnectionsPerPlan: 100,
  /** Display name length, in characters. */
  maxDisplayNameLength: 60,
  /** Plan title length, in characters. */
  maxPlanTitleLength: 120,
  /** Most bytes a connection may send before its plan has opened, and most the server queues unsent to it. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Largest JSON value (bytes) in a mark or an attribute of the plan's rich text, and its deepest nesting. */
  maxRichTextValueBytes: 4 * 1024,
  maxRichTextValueDepth: 6,
  /** Full-document sync requests (sync step 1) one connection may make; a browser makes one per connection. */
  maxSyncRequestsPerConnection: 10,
  /** Longest section id a presence state may name. */
  maxSectionIdLength: 64,
  /** How many plans one address may start in a window of time. */
  maxPlansCreatedPerWindow: 30,
  planCreationWindowMs: 10 * 60 * 1000,
  /** How many accounts one address may create in a window of time (each costs a memory-hard hash). */
  maxAccountsCreatedPerWindow: 20,
  accountCreationWindowMs: 60 * 60 * 1000,
  /** Passwords: long enough to be hard to guess, short enough not to be a way to burn CPU. */
  minPasswordLength: 10,
  maxPasswordLength: 200,
  maxEmailLength: 254,
  /** A session ends this long after sign-in (or sooner, on sign-out or a password change). */
  sessionLifetimeMs: 14 * 24 * 60 * 60 * 1000,
  /** Failed sign-ins allowed per account, and per address, in the window below, before more are refused. */
  maxFailedSignInsPerAccount: 5,
  maxFailedSignInsPerAddress: 20,
  failedSignInWindowMs: 15 * 60 * 1000,
  /**
   * Requests that rebuild a plan from its history (comparisons, the plan as it was, restores, exports) per account
   * per minute: each replays the whole record, so one member must not be able to keep the server busy with them.
   */
  maxHistoryRebuildsPerMinute: 60,
  /** An invitation link works for this long, once. */
  invitationLifetimeMs: 7 * 24 * 60 * 60 * 1000,
  /** Largest JSON body the REST API accepts. */
  maxRestBodyBytes: 16 * 1024,
  /** Comments kept on one plan (resolved ones count: they are kept), and replies to one comment. */
  maxCommentsPerPlan: 500,
  maxRepliesPerComment: 200,
  /** Suggestions waiting for a decision on one plan, and suggestions kept on it in all (decided ones are kept). */
  maxOpenSuggestionsPerPlan: 500,
  maxSuggestionsPerPlan: 5000,
  /**
   * One member's share, so nobody can use up a plan's room for everyone else: comments and replies they have written
   * (kept ones count), and their suggestions waiting for a decision.
   */
  maxCommentsAndRepliesPerAuthor: 300,
  maxOpenSuggestionsPerAuthor: 100,
  /** All the words kept in one plan's comments, replies and suggestions, and in its meeting records (characters). */
  maxDiscussionCharsPerPlan: 1_000_000,
  maxMeetingCharsPerPlan: 1_000_000,
  /** Changes to comments, suggestions and meetings one account may make a minute (far above anyone's typing). */
  maxConversationChangesPerMinute: 30,
  /** Most plans one browser remembers in its "Plans on this device" list (the most recently opened). */
  maxRememberedPlans: 50,
} as const;

/** How the server batches writes. */
export const SAVE_TIMING = {
  /** Wait this long after a change for more to arrive before writing (a failed write is retried later). */
  batchDelayMs: 20,
} as const;
