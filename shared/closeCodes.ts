// WebSocket close codes the sync server uses. 4400–4499 mean "reconnecting will not help" (the y-websocket
// provider stops retrying); 4500–4599 mean "try again later". Each has an i18n message under `close.<key>`.

export const CloseCode = {
  /** A message that could not be decoded, or an update that cannot be placed in the plan. */
  malformedMessage: 4400,
  /** No signed-in session came with the connection (or it has ended): sign in and open the plan again. */
  notSignedIn: 4401,
  /** The signed-in account is not in this plan's circle. */
  notInCircle: 4403,
  /** The account was removed from the plan's circle while connected. */
  removedFromCircle: 4410,
  /**
   * An update changed a section its sender may not edit (or came from a view-level member). Nothing of it was
   * applied; the client must drop its copy and open the plan afresh from the server (see shared/protocol.ts).
   */
  changeRefused: 4409,
  /** No plan has this id. */
  planNotFound: 4404,
  /** A message larger than LIMITS.maxMessageBytes. */
  messageTooBig: 4413,
  /** Too many people are connected to this plan at once; the provider tries again later. */
  planFull: 4529,
  /** The connection could not keep up with what it was sent; the provider reconnects. */
  tooSlow: 4508,
  /** The plan's saved copy was damaged on disk and has been set aside; it cannot be opened until restored. */
  planDamaged: 4460,
  /** Something failed on the server; the provider reconnects. */
  serverError: 4500,
  /** The server is shutting down or restarting; the provider reconnects. */
  serverRestarting: 4503,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

/** The standard code `ws` uses when a frame exceeds its hard `maxPayload` cap. */
export const PROTOCOL_MESSAGE_TOO_BIG = 1009;

export function closeCodeName(code: number): CloseCodeName | undefined {
  if (code === PROTOCOL_MESSAGE_TOO_BIG) return 'messageTooBig';
  return (Object.keys(CloseCode) as CloseCodeName[]).find((name) => CloseCode[name] === code);
}

/** Whether the client should stop reconnecting after this close code. */
export function isTerminalClose(code: number): boolean {
  return code === PROTOCOL_MESSAGE_TOO_BIG || (code >= 4400 && code < 4500);
}
