// Reading a token's claims for diagnosis. The doctor never verifies signatures: it explains what a
// token says (tenant, issuer, agent id, expiry), and the API is the judge of whether it is valid.
import { z } from 'zod';
import { count } from '../words';

export type DecodedJwt =
  | { ok: true; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { ok: false; reason: string };

const objectSchema = z.record(z.string(), z.unknown());

function decodeSegment(segment: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return null;
  try {
    const parsed = objectSchema.safeParse(JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Decodes header and payload of a compact JWS (three dot-separated base64url parts). */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.trim().split('.');
  if (parts.length === 5) return { ok: false, reason: 'it has five parts: an encrypted JWT (JWE), whose claims only the server can read' };
  if (parts.length !== 3) return { ok: false, reason: `it has ${count(parts.length, 'part')} instead of the three of a JWT` };
  const header = decodeSegment(parts[0]!);
  if (!header) return { ok: false, reason: 'its first part is not a base64url JSON header' };
  const claims = decodeSegment(parts[1]!);
  if (!claims) return { ok: false, reason: 'its second part is not a base64url JSON claims object' };
  return { ok: true, header, claims };
}

/** The claims the doctor reads, tolerant of numbers sent as strings and vice versa. */
export interface TokenClaims {
  iss: string | null;
  sub: string | null;
  tenantId: string | null;
  tenant: string | null;
  icAgentId: string | null;
  userId: string | null;
  icBUId: number | null;
  /** Seconds since the epoch. */
  exp: number | null;
  /** Scope names from `scope` (space-separated) or `scp` (array or string). */
  scopes: string[];
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

function scopeList(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}

export function readClaims(claims: Record<string, unknown>): TokenClaims {
  return {
    iss: str(claims.iss),
    sub: str(claims.sub),
    tenantId: str(claims.tenantId),
    tenant: str(claims.tenant),
    icAgentId: str(claims.icAgentId),
    userId: str(claims.userId),
    icBUId: num(claims.icBUId),
    exp: num(claims.exp),
    scopes: [...new Set([...scopeList(claims.scope), ...scopeList(claims.scp)])],
  };
}

/** CXone accepts 60 s of clock difference between the token's issuer and this machine. */
export const EXPIRY_SKEW_SECONDS = 60;

export function isExpired(exp: number, nowMs: number): boolean {
  return exp * 1000 + EXPIRY_SKEW_SECONDS * 1000 <= nowMs;
}
