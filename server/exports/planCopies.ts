// Copies of the plan to take away, as PDF or Word, in English or Welsh, of the plan as it is now or of a saved
// version, made on the server from the stored plan. Each copy made is recorded in the plan's history: who took it,
// when, in which form and language, of which version, and who it was given to.

import * as Y from 'yjs';
import type { CopyFormat, CopyList, CopyQuery } from '../../shared/copies.js';
import { can } from '../../shared/permissions.js';
import { planAccessOf } from '../circle/circleOperations.js';
import { errors } from '../errors.js';
import { namer, rebuildAt, type PlanHistories } from '../history/historyOperations.js';
import type { PlanRecords } from '../history/planRecords.js';
import { planWithMember } from '../plans/planOperations.js';
import type { AccountStore, CircleStore, PlanStore } from '../storage/types.js';
import { docxCopy } from './docxCopy.js';
import { pdfCopy } from './pdfCopy.js';
import { planCopyBlocks, translate, type CopyInput } from './planCopy.js';

export interface PlanCopy {
  file: Buffer;
  /** The plan's title (in the copy's language when it has none), for the file's name. */
  title: string;
}

export class PlanCopies {
  constructor(
    private readonly deps: { store: PlanStore; circles: CircleStore; accounts: AccountStore; histories: PlanHistories; records: PlanRecords },
  ) {}

  /** A copy for `accountId` (a member who may export the plan), recorded in the history once it is made. */
  async make(planId: string, accountId: string, format: CopyFormat, query: CopyQuery): Promise<PlanCopy> {
    const { plan, circle, member } = await planWithMember(this.deps.store, this.deps.circles, planId, accountId);
    if (!can(member, 'exportPlan', planAccessOf(circle))) throw errors.notAllowed();
    const nameOf = await namer(this.deps.accounts);
    const people = await Promise.all(circle.members.map(async (m) => ({ displayName: await nameOf(m.accountId), role: m.role })));
    const language = query.lang;
    const base: Omit<CopyInput, 'doc' | 'agreement' | 'version'> = {
      title: plan.title,
      jurisdiction: plan.jurisdiction,
      language,
      madeAt: new Date(),
      circle: people,
      givenTo: query.givenTo ?? null,
    };

    let blocks;
    if (query.version === undefined) {
      const agreement = await this.deps.records.agreementView(planId);
      blocks = await this.deps.records.withPlanDoc(planId, (doc) => planCopyBlocks({ ...base, doc, agreement, version: null }));
    } else {
      const entries = await this.deps.histories.all(planId);
      const saved = entries[query.version - 1]?.version;
      if (!saved) throw errors.versionNotFound();
      const agreement = await this.deps.records.agreementView(planId, { seq: query.version, contentHash: saved.contentHash });
      const doc: Y.Doc = rebuildAt(entries, query.version);
      try {
        blocks = planCopyBlocks({ ...base, doc, agreement, version: { name: saved.name, at: new Date(entries[query.version - 1]!.at) } });
      } finally {
        doc.destroy();
      }
    }
    const title = plan.title ?? translate(language, 'home.untitled');
    const file = format === 'pdf' ? await pdfCopy(blocks, language, title) : await docxCopy(blocks, language, title);
    await this.deps.histories.recordExport(planId, member.accountId, member.role, {
      format,
      lang: language,
      ...(query.version !== undefined ? { versionSeq: query.version } : {}),
      ...(query.givenTo !== undefined ? { givenTo: query.givenTo } : {}),
    });
    return { file, title };
  }

  /** Every copy of the plan made so far, newest first (history downloads are in the history, not here). */
  async list(planId: string): Promise<CopyList> {
    const entries = await this.deps.histories.all(planId);
    const nameOf = await namer(this.deps.accounts);
    const copies: CopyList['copies'] = [];
    for (const e of [...entries].reverse()) {
      const record = e.export;
      // A meeting's record is not a copy of the plan (the history names it).
      if (!record || (record.format !== 'pdf' && record.format !== 'docx') || record.meetingId !== undefined) continue;
      copies.push({
        seq: e.seq,
        at: e.at,
        by: e.accountId && e.role ? { accountId: e.accountId, displayName: await nameOf(e.accountId), role: e.role } : null,
        format: record.format,
        lang: record.lang ?? null,
        versionSeq: record.versionSeq ?? null,
        versionName: record.versionSeq ? (entries[record.versionSeq - 1]?.version?.name ?? null) : null,
        givenTo: record.givenTo ?? null,
      });
    }
    return { copies };
  }
}
