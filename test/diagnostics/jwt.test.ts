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
    // A stray quote or character pasted with it (base64url decoding would skip it silently).
    for (const header of ['e30"', '"e30', 'e3!0']) {
      expect(decodeJwt(`${header}.e30.sig`), header).toEqual({ ok: false, reason: expect.stringContaining('first part') });
    }
    // A JSON array is not a claims object.
    expect(decodeJwt(`${Buffer.from('{}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.`).ok).toBe(false);
  });
});

describe('decodeJwt of a pasted token', () => {
  it('reads it with the blanks and line break a copy brings around it', () => {
    const d = decodeJwt(` ${mintJwt({ tenantId: 't1' }, 'none')}\n`);
    expect(d.ok && d.claims.tenantId).toBe('t1');
  });
});

describe('readClaims', () => {
  it('reads claims as tokens carry them: strings trimmed, numbers as numbers, a missing claim as null', () => {
    expect(readClaims({ iss: ' https://cxone.niceincontact.com ', sub: 'user:1', tenantId: 't1', exp: 1700000000, icBUId: 17 })).toEqual({
      iss: 'https://cxone.niceincontact.com',
      sub: 'user:1',
      tenantId: 't1',
      tenant: null,
      icAgentId: null,
      userId: null,
      icBUId: 17,
      exp: 1700000000,
      scopes: [],
    });
    expect(readClaims({ scope: 5, scp: { a: 1 } }).scopes).toEqual([]);
  });

  it('reads a number in a string only when all of it is one; an exp of Infinity is none', () => {
    expect(readClaims({ exp: ' 1700000000.25 ' }).exp).toBe(1700000000.25);
    for (const exp of ['17abc', 'x17', '1.', '1.5e3', Infinity, true]) expect(readClaims({ exp }).exp, String(exp)).toBeNull();
    expect(readClaims({ icAgentId: Infinity }).icAgentId).toBeNull();
  });

  it('drops empty and non-string scope names, whichever way they are separated', () => {
    expect(readClaims({ scope: ' openid,  view:agent ', scp: ['agent:read', '', 5] }).scopes).toEqual(['openid', 'view:agent', 'agent:read']);
  });

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
