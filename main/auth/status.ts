// What the UI may know about the session: the identity from the id_token's claims and the session's
// state. Plain data (shared with the renderer through the IPC contract) — never a token.
import { z } from 'zod';

export const identitySchema = z.object({
  issuer: z.string(),
  /** `sub`, e.g. "user:<uuid>". */
  subject: z.string(),
  tenantId: z.string().nullable(),
  tenant: z.string().nullable(),
  userId: z.string().nullable(),
  /** Numeric ACD agent id as a string (claim `icAgentId`); null when the user has no agent record. */
  icAgentId: z.string().nullable(),
  icBUId: z.number().int().nullable(),
  icClusterId: z.string().nullable(),
  area: z.string().nullable(),
  name: z.string().nullable(),
});
export type Identity = z.infer<typeof identitySchema>;

export const sessionStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed-out') }),
  /** The browser is (or should be) open on `url`; the UI always shows it so it can be copied. */
  z.object({ kind: z.literal('signing-in'), url: z.string(), startedAt: z.number() }),
  z.object({ kind: z.literal('signed-in'), identity: identitySchema, storage: z.enum(['keychain', 'memory']) }),
  z.object({ kind: z.literal('refreshing'), identity: identitySchema }),
  /**
   * Network trouble while renewing: the sign-in is kept, retrying at `retryAt`. `identity` is null when
   * the app started while the sign-in server was unreachable: a stored refresh token, no id_token yet.
   */
  z.object({ kind: z.literal('reconnecting'), identity: identitySchema.nullable(), retryAt: z.number(), message: z.string() }),
  /** The refresh token was refused (invalid_grant): the user must sign in again. */
  z.object({ kind: z.literal('expired'), message: z.string() }),
  z.object({ kind: z.literal('error'), message: z.string() }),
]);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;
