// The real core on test ports, one or more per test, each stopped (and its temp folder removed) after
// the test: for vitest files that build the core in plain Node. (Not for the Playwright harness, which
// has no vitest hooks.)
import { afterEach } from 'vitest';
import { createCore } from '../../main/core/app';
import type { Core } from '../../main/core/types';
import { createTestPorts, type TestPorts } from './core-ports';

export type MakeCore = (opts?: Parameters<typeof createTestPorts>[0]) => { core: Core; ports: TestPorts };

/** Call at a file's top level; the function it returns builds a core that this file's afterEach stops. */
export function corePerTest(): MakeCore {
  const made: { core: Core; ports: TestPorts }[] = [];
  afterEach(async () => {
    for (const { core, ports } of made.splice(0)) {
      await core.stop();
      ports.cleanup();
    }
  });
  return (opts) => {
    const ports = createTestPorts(opts);
    const core = createCore(ports);
    made.push({ core, ports });
    return { core, ports };
  };
}
