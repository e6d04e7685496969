// The CxoneError a synchronous call throws, for asserting on its kind, path and message.
import { CxoneError } from '../../main/cxone/errors';

/** Calls `f` and returns the CxoneError it throws; anything else thrown is rethrown, no throw at all fails. */
export function thrown(f: () => unknown): CxoneError {
  try {
    f();
  } catch (e) {
    if (e instanceof CxoneError) return e;
    throw e;
  }
  throw new Error('expected a CxoneError');
}
