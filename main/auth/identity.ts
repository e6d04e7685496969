// Who signed in, from the validated id_token's claims (CXONE-API.md §1). Only these plain claims ever
// leave the auth module; tokens never do.
import { z } from 'zod';
import { AuthError } from './errors';
import { identitySchema, type Identity } from './status';

const optionalString = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : String(v)));

// icBUId is an integer (negative in some test BUs); some tokens carry it as a numeric string.
const optionalInt = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/)])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : Number(v)));

const idClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  tenantId: optionalString,
  tenant: optionalString,
  userId: optionalString,
  icAgentId: optionalString,
  icBUId: optionalInt,
  icClusterId: optionalString,
  area: optionalString,
  name: optionalString,
  given_name: optionalString,
  family_name: optionalString,
});

export function identityFromClaims(claims: Record<string, unknown> | null): Identity {
  if (!claims) throw new AuthError('server', 'The sign-in server did not say who signed in (no id_token). Sign in again.');
  const parsed = idClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'a claim';
    throw new AuthError('server', `The sign-in server sent an identity this app cannot read (claim "${field}").`);
  }
  const c = parsed.data;
  const fullName = [c.given_name, c.family_name].filter(Boolean).join(' ') || null;
  return identitySchema.parse({
    issuer: c.iss,
    subject: c.sub,
    tenantId: c.tenantId,
    tenant: c.tenant,
    userId: c.userId,
    icAgentId: c.icAgentId,
    icBUId: c.icBUId,
    icClusterId: c.icClusterId,
    area: c.area,
    name: c.name ?? fullName,
  });
}
