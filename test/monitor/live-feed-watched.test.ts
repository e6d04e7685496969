// LiveFeed.watchedAgentIds (issue 15): the agents in the watch scope, built once and then kept by the
// roster's deltas instead of a snapshot and a new Set at every queue publish. Against the real feed and
// the simulator over 127.0.0.1, it must always equal the ids of the scope-narrowed snapshot: after the
// first list, across delta polls, after a scope change, and with a scope nobody is in.
import { afterEach, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createLiveFeed, type LiveFeed } from '../../main/live-feed';
import { silentLogger, systemClock } from '../../main/ports';
import { defaultSettings, type Settings } from '../../main/settings/schema';
import { until } from '../harness/until';

let server: SimulatorServer | null = null;
let feed: LiveFeed | null = null;
afterEach(async () => {
  feed?.stop();
  feed = null;
  await server?.stop();
  server = null;
});

const idsOfSnapshot = (f: LiveFeed) => [...f.snapshot().agents.map((a) => a.agentId)].sort((a, b) => a - b);
const idsKept = (f: LiveFeed) => [...(f.watchedAgentIds() ?? [])].sort((a, b) => a - b);
const withWatch = (s: Settings, watch: Partial<Settings['watch']>): Settings => ({ ...s, watch: { ...s.watch, ...watch } });

describe('LiveFeed.watchedAgentIds', () => {
  it('equals the watch scope of the snapshot through delta polls and scope changes', { timeout: 60_000 }, async () => {
    const sim = new ContactCenterSimulator({ agents: 150, seed: 33 });
    server = await startSimulatorServer({ simulator: sim });
    const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'token', onUnauthorized: () => {} });
    const base = { ...defaultSettings(), pollIntervalSeconds: 2 };
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: base, meAgentId: null });
    expect(feed.watchedAgentIds()).toBeNull();
    feed.start();
    await until('the whole list', () => feed!.snapshot().agents.length === 150);
    expect(idsKept(feed)).toEqual(idsOfSnapshot(feed));

    // One team: the kept set is rebuilt for the new scope and then follows the polls.
    const team = sim.agents[0]!.teamId;
    feed.applySettings(withWatch(base, { scope: 'teams', teamIds: [team] }));
    const inTeam = idsOfSnapshot(feed);
    expect(inTeam.length).toBeGreaterThan(0);
    expect(inTeam.length).toBeLessThan(150);
    expect(idsKept(feed)).toEqual(inTeam);
    const polls = () => server!.requests.filter((r) => r.path.endsWith('/agents/states')).length;
    for (let k = 0; k < 3; k++) {
      sim.advance(60_000);
      const before = polls();
      feed.refreshNow();
      await until('a delta poll', () => polls() > before);
      await until('its answer merged', () => server!.stats.inFlight === 0);
      expect(idsKept(feed)).toEqual(idsOfSnapshot(feed));
    }

    // A scope nobody is in: null, as before the first list.
    feed.applySettings(withWatch(base, { scope: 'teams', teamIds: [-1] }));
    expect(feed.snapshot().agents).toHaveLength(0);
    expect(feed.watchedAgentIds()).toBeNull();

    // Back to everyone.
    feed.applySettings(base);
    expect(idsKept(feed)).toEqual(idsOfSnapshot(feed));
  });
});
