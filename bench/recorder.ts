// Collects the timings of the measured window: edit → other member deliveries (matched by (clientID, clock) from
// Y.parseUpdateMeta), edit → "saved" notices for each member's own keystrokes, and anything that went wrong.

import * as Y from 'yjs';
import type { Member } from './member.js';

export class Recorder {
  /** Every member, by Yjs client id, to find who sent an arriving update. */
  readonly byClient = new Map<number, Member>();
  readonly otherLatencies: number[] = [];
  readonly savedLatencies: number[] = [];
  /** Deliveries of measured keystrokes to other members (first arrival per receiver). */
  delivered = 0;
  duplicates = 0;
  /** Checkpoint answers ("everything you sent is on disk") received by all members. */
  savedNotices = 0;
  /** Updates from a client id no member owns, or with a gap in a sender's clocks. */
  unexpected = 0;
  readonly closes: { planId: string; member: number; code: number; reason: string }[] = [];
  readonly problems: string[] = [];
  private problemCount = 0;

  add(member: Member): void {
    this.byClient.set(member.clientID, member);
  }

  updateArrived(receiver: Member, update: Uint8Array, now: number): void {
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, start] of from) {
      const end = to.get(client) ?? start;
      const sender = this.byClient.get(client);
      if (!sender) {
        this.unexpected += 1;
        continue;
      }
      const next = receiver.nextFromSender.get(client) ?? start;
      if (start > next) this.unexpected += 1; // a gap: something was skipped on the way
      for (let clock = start; clock < end; clock++) {
        if (clock < next) {
          this.duplicates += 1;
          continue;
        }
        if (sender.isMeasured(clock)) {
          this.delivered += 1;
          this.otherLatencies.push(now - sender.sentAt[clock]!);
        }
      }
      receiver.nextFromSender.set(client, Math.max(next, end));
    }
  }

  /** The server reported the member's own clocks [from, to) on disk. */
  ownSaved(member: Member, from: number, to: number, now: number): void {
    for (let clock = Math.max(from, member.measuredFrom); clock < to && clock < member.measuredTo; clock++) {
      this.savedLatencies.push(now - member.sentAt[clock]!);
    }
  }

  unexpectedClose(member: Member, code: number, reason: string): void {
    this.closes.push({ planId: member.planId, member: member.index, code, reason });
  }

  socketError(member: Member, err: Error): void {
    this.protocolProblem(member, `socket error: ${err.message}`);
  }

  protocolProblem(member: Member, what: string): void {
    this.problemCount += 1;
    if (this.problems.length < 20) this.problems.push(`plan ${member.planId} member ${member.index}: ${what}`);
  }

  get problemTotal(): number {
    return this.problemCount;
  }
}
