/** One side's binary answer after a trip: did it go well? */
export interface RecordOutcomeRequest {
  success: boolean;
}

export interface OutcomeAnswer {
  success: boolean;
  /** ISO 8601. */
  at: string;
}

/**
 * Both sides' answers about a completed ride. The other side's answer stays hidden until both
 * answered or the deadline passed, so nobody answers in retaliation.
 */
export interface OutcomesView {
  rideId: string;
  mine: OutcomeAnswer | null;
  theirs: OutcomeAnswer | null;
  revealed: boolean;
  /** ISO 8601: when answers are shown even if one side did not answer. */
  revealAt: string;
}

export type ReportKind =
  'no-show' | 'unsafe' | 'abuse' | 'repeated-failures' | 'late-cancellations' | 'overuse' | 'other';

/** What a member may file; the other kinds are raised by the system (never a ban by itself). */
export interface FileReportRequest {
  subjectId: string;
  rideId?: string;
  kind: 'no-show' | 'unsafe' | 'abuse' | 'other';
  text: string;
}

export type Decision = 'dismiss' | 'warn' | 'restrict' | 'suspend' | 'restore';

/** What a coordinator decides on a report; the reason is required and logged. */
export interface DecideRequest {
  decision: Decision;
  reason: string;
  /** With `restrict`: e.g. `{ "noPooling": true, "maxTrustDistance": 1 }`. */
  restrictions?: { noPooling?: boolean; maxTrustDistance?: number };
}

export interface ReportView {
  id: string;
  territoryId: string;
  kind: ReportKind;
  text: string;
  status: 'open' | 'decided' | 'appealed';
  subject: { id: string; name: string };
  /** Null when the system raised it. */
  reporter: { id: string; name: string } | null;
  rideId: string | null;
  createdAt: string;
  appeal: { id: string; text: string; at: string; status: 'open' | 'upheld' | 'overturned' } | null;
}

/** One person's history, shown with a report. */
export interface MemberHistory {
  memberId: string;
  name: string;
  standing: string;
  ridesRequested: number;
  ridesCompleted: number;
  cancellationsAfterAssignment: number;
  tripsDriven: number;
  outcomesReceived: { successes: number; failures: number };
  reports: { kind: ReportKind; status: string; at: string }[];
  decisions: {
    decision:
      | Decision
      | 'clear-pair'
      | 'grant-role'
      | 'withdraw-role'
      | 'offer-ride'
      | 'withdraw-offer'
      | 'release-driver';
    reason: string;
    at: string;
  }[];
}

/**
 * Tit for two tats between the report's subject and one person they rode with: each side's latest
 * binary answers about the other and whether the pair is blocked now (two failures in a row).
 */
export interface PairState {
  counterpart: { id: string; name: string };
  /** The counterpart's answers about the subject, newest first (true: it went well), at most 5. */
  aboutSubject: boolean[];
  /** The subject's answers about the counterpart, newest first, at most 5. */
  bySubject: boolean[];
  /** The open block between the two, if any (`since`: ISO 8601). */
  block: { id: string; since: string } | null;
}

export interface ReportEvidence extends ReportView {
  people: MemberHistory[];
  /** The subject's pairs, latest answer first (at most 10): the tit-for-two-tats state of each. */
  pairs: PairState[];
}

/** A decision about me, as I can read it in the audit log. */
export interface DecisionView {
  id: string;
  /** `grant-role` and `withdraw-role` are a coordinator's role changes, `withdraw-offer` and `release-driver` their dispatch overrides (ADR 0021). */
  decision:
    | Decision
    | 'clear-pair'
    | 'grant-role'
    | 'withdraw-role'
    | 'offer-ride'
    | 'withdraw-offer'
    | 'release-driver';
  reason: string;
  at: string;
  reportKind: ReportKind | null;
  appealed: boolean;
  /** Where the appeal stands: `open` until a coordinator upholds or overturns the decision. */
  appeal: 'open' | 'upheld' | 'overturned' | null;
}

/** A coordinator's answer to an appeal; the reason is logged. */
export interface ResolveAppealRequest {
  outcome: 'upheld' | 'overturned';
  reason: string;
}

export interface PairBlockView {
  id: string;
  memberId: string;
  memberName: string;
  counterpartId: string;
  counterpartName: string;
  reason: string;
  territoryId: string | null;
  createdAt: string;
}

/** `GET /api/me/pair-blocks`: a pair block that concerns the caller, seen from their side. */
export interface MyPairBlockView {
  id: string;
  /** The other member of the pair. */
  counterpartName: string;
  /** True when the caller's two failures in a row toward the other made it; false the other way. */
  byMe: boolean;
  reason: string;
  /** ISO 8601. */
  since: string;
}
