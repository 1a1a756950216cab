// Which sections an update changes, and whether its sender may change them: one rule for a browser's update
// (connection.ts) and for a change the server makes for a member (serverChange.ts).

import { can, type Member, type PlanAccess } from '../../shared/permissions.js';
import { SECTION_OF_ROOT } from '../../shared/planData.js';
import type { SectionId } from '../../shared/sections.js';

/** The sections the update's changed roots (rich text and structured parts) belong to. */
export function sectionsOf(touched: ReadonlySet<string>): SectionId[] {
  return [...touched].flatMap((root) => {
    const id = SECTION_OF_ROOT.get(root);
    return id ? [id] : [];
  });
}

/** The first changed root the member may not edit (or that is no section's), or null when they may edit them all. */
export function forbiddenRoot(member: Member, plan: PlanAccess, touched: ReadonlySet<string>): string | null {
  for (const root of touched) {
    const sectionId = SECTION_OF_ROOT.get(root);
    if (sectionId === undefined || !can(member, 'editSection', plan, sectionId)) return root;
  }
  return null;
}
