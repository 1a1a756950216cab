// Schemas for everything that crosses an edge: REST bodies and responses, the join identity, plan metadata.
// Parsed on both sides; handlers only ever see parsed values.

import { z } from 'zod';
import { JURISDICTIONS, LANGUAGES } from './jurisdictions.js';
import { LIMITS } from './limits.js';
import { LEVELS } from './permissions.js';
import { ROLES } from './roles.js';

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

export const createPlanBodySchema = z.strictObject({
  jurisdiction: z.enum(JURISDICTIONS),
  title: humanText(LIMITS.maxPlanTitleLength).optional(),
  language: z.enum(LANGUAGES).default('en'),
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
});
export type Account = z.infer<typeof accountSchema>;

/** One of the signed-in person's plans, with their part in it (GET /api/plans). */
export const myPlanSchema = z.strictObject({
  plan: planMetaSchema,
  role: z.enum(ROLES),
  level: z.enum(LEVELS),
  planManager: z.boolean(),
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
