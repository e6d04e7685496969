import { expect } from 'vitest';
import { CxoneError } from '../../main/cxone/errors';

/** Awaits a call that must fail with a CxoneError and returns that error (fails the test otherwise). */
export async function failure(p: Promise<unknown>): Promise<CxoneError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CxoneError);
    return e as CxoneError;
  }
  throw new Error('expected the call to fail');
}
