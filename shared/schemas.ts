// Schemas for everything that crosses an edge: REST bodies and responses, the join identity, plan metadata.
// Parsed on both sides; handlers only ever see parsed values.

import { z } from 'zod';
import { preferencesSchema } from './preferences.js';
import { JURISDICTIONS, LANGUAGES } from './jurisdictions.js';
import { LIMITS } from './limits.js';
import { LEVELS } from './permissions.js';
import { ROLES } from './roles.js';
import { SECTION_IDS, type SectionId } from './sections.js';

/** Plan ids are 22 characters of base64url (128 random bits). They never reach the file system otherwise. */
export const PLAN_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const planIdSchema = z.string().regex(PLAN_ID_PATTERN);

/** Text a person typed: trimmed, no control characters, not empty. */
const humanText = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1)
        .max(max)
        .refine((s) => !/\p{Cc}/u.test(s), { message: 'must not contain control characters' }),
    );

/** Roles that may start a plan for someone else, as its interim plan manager. */
export const ON_BEHALF_ROLES = ['socialWorker', 'advocate'] as const;

export const createPlanBodySchema = z.strictObject({
  jurisdiction: z.enum(JURISDICTIONS),
  title: humanText(LIMITS.maxPlanTitleLength).optional(),
  language: z.enum(LANGUAGES).default('en'),
  /**
   * Set when a social worker or advocate starts the plan for someone else: the creator joins with this role as
   * interim plan manager, and the plan is created with an invitation for the person, who owns it once they accept.
   */
  forSomeoneElse: z.strictObject({ myRole: z.enum(ON_BEHALF_ROLES) }).optional(),
});
export type CreatePlanBody = z.infer<typeof createPlanBodySchema>;

export const planMetaSchema = z.strictObject({
  id: planIdSchema,
  jurisdiction: z.enum(JURISDICTIONS),
  title: z.string().max(LIMITS.maxPlanTitleLength).nullable(),
  language: z.enum(LANGUAGES),
  createdAt: z.iso.datetime(),
  schemaVersion: z.literal(1),
});
export type PlanMeta = z.infer<typeof planMetaSchema>;

/** The answer to starting a plan: the plan, and for a plan started for someone else, the link to send them. */
export const createPlanAnswerSchema = planMetaSchema.extend({ personInvitationLink: z.string().optional() });
export type CreatePlanAnswer = z.infer<typeof createPlanAnswerSchema>;

/** Who someone says they are when they join a plan (until accounts exist). Sent as WebSocket URL parameters. */
export const joinIdentitySchema = z.object({
  name: humanText(LIMITS.maxDisplayNameLength),
  role: z.enum(ROLES),
});
export type JoinIdentity = z.infer<typeof joinIdentitySchema>;

/** What a client may put in its awareness state; `user.name` and `user.role` are overwritten by the server. */
export const awarenessStateSchema = z
  .object({
    user: z
      .object({
        /** The account id (stamped by the server), so the circle panel can tell who is here now. */
        id: z.string().max(64),
        name: z.string().max(LIMITS.maxDisplayNameLength),
        role: z.enum(ROLES),
        color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
      })
      .partial()
      .optional(),
    section: z.string().max(LIMITS.maxSectionIdLength).nullable().optional(),
    cursor: z.unknown().optional(),
  })
  .loose();

/** An email address, compared case-insensitively. */
export const emailSchema = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email().max(LIMITS.maxEmailLength));

export const passwordSchema = z.string().min(LIMITS.minPasswordLength).max(LIMITS.maxPasswordLength);

export const signUpBodySchema = z.strictObject({
  displayName: humanText(LIMITS.maxDisplayNameLength),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpBody = z.infer<typeof signUpBodySchema>;

export const signInBodySchema = z.strictObject({
  email: emailSchema,
  // Any length is accepted here: a wrong password gets the same answer whatever it is.
  password: z.string().min(1).max(LIMITS.maxPasswordLength),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(LIMITS.maxPasswordLength),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

/** What the API says about the signed-in account. Never the password hash. */
export const accountSchema = z.strictObject({
  id: z.string().min(1),
  displayName: z.string(),
  email: z.string(),
  createdAt: z.iso.datetime(),
  preferences: preferencesSchema,
});
export type Account = z.infer<typeof accountSchema>;

/** One of the signed-in person's plans, with their part in it (GET /api/plans). */
export const myPlanSchema = z.strictObject({
  plan: planMetaSchema,
  role: z.enum(ROLES),
  level: z.enum(LEVELS),
  planManager: z.boolean(),
  /** When the plan is next due a review (YYYY-MM-DD), from its review dates; null when none is set. */
  nextReview: z.iso.date().nullable(),
  /**
   * Comments not resolved and suggestions not decided in the plan, counted for everyone (the page shows them to the
   * person and their plan manager); null when they cannot be read just now.
   */
  waiting: z.strictObject({ comments: z.number().int().nonnegative(), suggestions: z.number().int().nonnegative() }).nullable(),
});
export type MyPlan = z.infer<typeof myPlanSchema>;
export const myPlansAnswerSchema = z.strictObject({ plans: z.array(myPlanSchema) });

export const createInvitationBodySchema = z.strictObject({ role: z.enum(ROLES), level: z.enum(LEVELS) });
export type CreateInvitationBody = z.infer<typeof createInvitationBodySchema>;

/** An invitation as the person managing the circle sees it (never its token). */
export const invitationSchema = z.strictObject({
  id: z.string().min(1),
  role: z.enum(ROLES),
  level: z.enum(LEVELS),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  state: z.enum(['open', 'accepted', 'withdrawn', 'expired']),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** The token from an invitation link, as the invitee's browser sends it back. */
export const acceptInvitationBodySchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

const sectionIdSchema = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);

/**
 * What one member may do in a plan: the server sends it on the live connection (MessageType.access) when the plan
 * opens and whenever the circle changes it, and with the circle (GET /api/plans/:planId/circle).
 */
export const accessSchema = z.strictObject({
  accountId: z.string().min(1),
  displayName: z.string(),
  role: z.enum(ROLES),
  level: z.enum(LEVELS),
  planManager: z.boolean(),
  /** Sections the person has opened to everyone in the circle with edit rights. */
  openSections: z.array(sectionIdSchema),
  /** True while the plan was started for someone who has not yet accepted their invitation. */
  awaitingPerson: z.boolean(),
});
export type Access = z.infer<typeof accessSchema>;

/** A member of the circle as the other members see them. */
export const circleMemberViewSchema = z.strictObject({
  accountId: z.string().min(1),
  displayName: z.string(),
  role: z.enum(ROLES),
  level: z.enum(LEVELS),
  planManager: z.boolean(),
  addedAt: z.iso.datetime(),
});
export type CircleMemberView = z.infer<typeof circleMemberViewSchema>;

/** GET /api/plans/:planId/circle */
export const circleAnswerSchema = z.strictObject({
  me: accessSchema,
  members: z.array(circleMemberViewSchema),
});
export type CircleAnswer = z.infer<typeof circleAnswerSchema>;

/** PATCH /api/plans/:planId/circle/members/:accountId — change a member's level, or name / stop a plan manager. */
export const changeMemberBodySchema = z
  .strictObject({ level: z.enum(LEVELS).optional(), planManager: z.boolean().optional() })
  .refine((b) => b.level !== undefined || b.planManager !== undefined, { message: 'say what to change' });
export type ChangeMemberBody = z.infer<typeof changeMemberBodySchema>;

/** PUT /api/plans/:planId/circle/sections/:sectionId — the person opens a section to the circle, or closes it. */
export const sectionRightsBodySchema = z.strictObject({ open: z.boolean() });
export { sectionIdSchema };
