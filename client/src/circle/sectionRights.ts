// What a member may do in a section, as the page shows it: the shared can() rules (the server enforces the same),
// and, when they may not write, the plain-words reason to show beside the section.

import { can } from '../../../shared/permissions.js';
import type { Access } from '../../../shared/schemas.js';
import { sectionDefinition, type SectionId } from '../../../shared/sections.js';

export const canEditSection = (me: Access, sectionId: SectionId) => can(me, 'editSection', { openSections: new Set(me.openSections) }, sectionId);

type Words = { key: string; values?: Record<string, string> };

/** The i18n keys (with values) saying why `me` cannot write in the section, or null when they can. */
export function readOnlyReason(me: Access, sectionId: SectionId, personName: string | null): Words[] | null {
  if (canEditSection(me, sectionId)) return null;
  if (me.level === 'view') return [{ key: 'rights.viewOnly' }];
  if (me.level === 'comment') return [{ key: 'rights.commentOnly' }];
  return [whoWrites(sectionId, personName), { key: 'rights.youCanRead' }];
}

/** Who may write in a section that is not open to the circle. */
export function whoWrites(sectionId: SectionId, personName: string | null): Words {
  if (sectionDefinition(sectionId).defaultEditors === 'socialWorker') return { key: 'rights.onlySocialWorkers' };
  return personName ? { key: 'rights.onlyPerson', values: { name: personName } } : { key: 'rights.onlyPersonUnnamed' };
}
