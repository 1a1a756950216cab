// A change the server makes to an open plan for a member (a restore, an accepted suggestion): checked exactly like an
// update that member's browser sent — the sections it touches against their rights, its Yjs client id bound to the
// writer — then applied to the plan, so it is saved, sent to everyone in the plan and recorded in the history.

import * as Y from 'yjs';
import type { Member, PlanAccess } from '../../shared/permissions.js';
import { PLAN_ROOT_NAMES } from '../../shared/planData.js';
import type { SectionId } from '../../shared/sections.js';
import { errors } from '../errors.js';
import type { Author, Edit } from '../history/recorder.js';
import type { StoredHistoryEntry } from '../storage/types.js';
import type { Room, RoomMember } from './room.js';
import { forbiddenRoot, sectionsOf } from './sectionRights.js';
import { checkUpdate } from './updateCheck.js';

/**
 * A Yjs client id for a change made on the server: not used in this plan before, so it is bound to the member who
 * makes the change and to nobody else.
 */
export function freshClientId(doc: Y.Doc): number {
  for (;;) {
    const id = new Y.Doc().clientID;
    if (!doc.store.clients.has(id)) return id;
  }
}

/**
 * Applies `update` to the room's document as `member`'s restore of entry `fromSeq`. Throws sectionNotYours (and
 * changes nothing) if it touches a section they may not edit. Resolves, once the change is applied, with a promise
 * of its history entry.
 */
export function applyRestore(
  room: Room,
  member: Member,
  plan: PlanAccess,
  update: Uint8Array,
  fromSeq: number,
): { sections: SectionId[]; recorded: Promise<StoredHistoryEntry> | null } {
  return applyServerChange(room, member, authorOf(member), plan, update, (recorded) => ({ restore: { fromSeq, recorded } }));
}

/**
 * Applies `update` — a suggestion's words put into the plan — with the words written by `suggester` (its Yjs client
 * id bound to them, so "who wrote what" shows them as theirs) and the change made by `acceptor`: checked against the
 * acceptor's rights (the suggester may not be able to edit the section), recorded as one 'suggestion' entry naming
 * both. Throws sectionNotYours (and changes nothing) if it touches a section the acceptor may not edit.
 */
export function applySuggestion(
  room: Room,
  acceptor: Member,
  suggester: Pick<Member, 'accountId' | 'role'>,
  plan: PlanAccess,
  update: Uint8Array,
  suggestionId: string,
): { sections: SectionId[]; recorded: Promise<StoredHistoryEntry> | null } {
  const author: Author = { accountId: suggester.accountId, role: suggester.role, onBehalf: false };
  return applyServerChange(room, acceptor, author, plan, update, (recorded) => ({
    suggestion: { suggestionId, acceptedBy: authorOf(acceptor), recorded },
  }));
}

const authorOf = (member: Member): Author => ({
  accountId: member.accountId,
  role: member.role,
  onBehalf: member.planManager && member.role !== 'person',
});

/**
 * The one path for a change the server makes: checked like an update from `rightsOf`'s browser (its sections against
 * their rights), its new client ids bound to `author`, applied so it is saved, broadcast and recorded as one entry.
 */
function applyServerChange(
  room: Room,
  rightsOf: Member,
  author: Author,
  plan: PlanAccess,
  update: Uint8Array,
  kind: (recorded: (written: Promise<StoredHistoryEntry>) => void) => Pick<Edit, 'restore' | 'suggestion'>,
): { sections: SectionId[]; recorded: Promise<StoredHistoryEntry> | null } {
  const check = checkUpdate(room.doc, update, PLAN_ROOT_NAMES);
  // Content kept from long ago that the plan would not take today (say, an attribute now too large).
  if (!check.ok) throw errors.restoreNotPossible();
  if (forbiddenRoot(rightsOf, plan, check.touched) !== null) throw errors.sectionNotYours();
  const sections = sectionsOf(check.touched);
  const writer: RoomMember = {
    personKey: author.accountId,
    awarenessIds: new Set(),
    send: () => {},
    close: () => {},
    takeEdit: () => edit,
  };
  const result: { recorded: Promise<StoredHistoryEntry> | null } = { recorded: null };
  const edit: Edit = {
    author,
    sections,
    written: check.writers,
    references: check.references,
    ...kind((written) => (result.recorded = written)),
  };
  if (!room.claimWriters(writer, check.writers)) throw new Error('a server change’s client id is already someone else’s');
  // A plan that failed is not saved from any more: nothing may be changed in it (the next load has the plan).
  if (room.failed) throw errors.recordNotWritten();
  try {
    Y.applyUpdate(room.doc, check.update, writer);
  } catch (err) {
    // As for a connection's update: the document in memory can no longer be trusted (see Room.fail).
    room.fail(err);
    throw errors.recordNotWritten();
  }
  return { sections, recorded: result.recorded };
}
