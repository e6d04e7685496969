// A forced full GC for tests that measure the heap: `gc` exposed at run time through V8 flags, so no
// --expose-gc is needed on the command line. Null where V8 refuses (the caller says so).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function exposeGc(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}
