// Claim reading: the doctor explains tokens it cannot verify, so decoding must be tolerant and exact.
import { describe, expect, it } from 'vitest';
import { decodeJwt, isExpired, readClaims } from '../../main/diagnostics/jwt';
import { mintJwt } from './helpers';

describe('decodeJwt', () => {
  it('reads header and claims of signed and unsigned tokens', () => {
    for (const alg of ['HS256', 'none'] as const) {
      const d = decodeJwt(mintJwt({ tenantId: 't1', icAgentId: '40112233' }, alg));
      expect(d.ok).toBe(true);
      if (d.ok) {
        expect(d.header.alg).toBe(alg);
        expect(d.claims.icAgentId).toBe('40112233');
      }
    }
  });

  it('says why a token is not a JWT', () => {
    expect(decodeJwt('opaque')).toEqual({ ok: false, reason: expect.stringContaining('1 part') });
    expect(decodeJwt('a.b.c.d.e')).toEqual({ ok: false, reason: expect.stringContaining('JWE') });
    expect(decodeJwt('eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.sig')).toEqual({ ok: false, reason: expect.stringContaining('second part') });
    expect(decodeJwt('!!!.e30.sig')).toEqual({ ok: false, reason: expect.stringContaining('first part') });
    // A JSON array is not a claims object.
    expect(decodeJwt(`${Buffer.from('{}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.`).ok).toBe(false);
  });
});

describe('readClaims', () => {
  it('accepts numbers as strings and strings as numbers, and both scope spellings', () => {
    const c = readClaims({ icAgentId: 40112233, icBUId: '-17', exp: '1700000000', scope: 'openid view:agent', scp: ['agent:read', 'openid'] });
    expect(c.icAgentId).toBe('40112233');
    expect(c.icBUId).toBe(-17);
    expect(c.exp).toBe(1700000000);
    expect(c.scopes).toEqual(['openid', 'view:agent', 'agent:read']);
    expect(readClaims({ tenantId: '  ', iss: 5 }).tenantId).toBeNull();
  });
});

describe('isExpired', () => {
  it('allows 60 s of clock skew, and not one more', () => {
    const exp = 1_700_000_000;
    expect(isExpired(exp, exp * 1000 + 59_999)).toBe(false);
    expect(isExpired(exp, exp * 1000 + 60_000)).toBe(true);
  });
});
