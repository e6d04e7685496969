// The simulated tenant's fault switches: rules a test adds, each matching request paths and hitting the
// next N of them — an error status, a slow answer, a broken or off-contract body, a short list, a dropped
// connection. server.ts asks for the fault of each request.

export type Fault =
  /** Answer with this status; icStatusDescription and Retry-After headers when given (sensible defaults). */
  | { kind: 'status'; status: number; statusDescription?: string; retryAfter?: string }
  /** Wait delayMs, then answer normally (or with the next fault rule). */
  | { kind: 'slow'; delayMs: number }
  /** 200 with a truncated JSON body. */
  | { kind: 'malformed-json' }
  /**
   * A well-formed answer whose data breaks the documented schema: agentId as a string (which real
   * tenants do send, and the app reads), a null list, or items with no agent id at all (unreadable).
   */
  | { kind: 'schema-drift'; drift?: 'agentId-string' | 'agentStates-null' | 'agentId-missing' }
  /** agents/states lists `missing` fewer agents than its totalRecords says (the last ones of each page). */
  | { kind: 'short-list'; missing: number }
  /** Drop the connection with a TCP reset, no response. */
  | { kind: 'reset' };

export type FaultRule = Fault & {
  /** Substring of the request path, or a pattern tested against it. Default: every path. */
  path?: string | RegExp;
  /** How many matching requests it hits ("the next N"). Default: until removed. */
  count?: number;
};

export interface FaultHandle {
  remaining(): number;
  remove(): void;
}

export interface FaultSwitches {
  add(rule: FaultRule): FaultHandle;
  clear(): void;
  active(): readonly FaultRule[];
}

/** The switches, and `take`: the fault for a request to `path` (null: none), counted against its rule. */
export function createFaultSwitches(): { switches: FaultSwitches; take(path: string, after: Fault['kind'] | null): Fault | null } {
  const rules: Array<{ rule: FaultRule; left: number }> = [];
  const switches: FaultSwitches = {
    add(rule) {
      const entry = { rule, left: rule.count ?? Infinity };
      rules.push(entry);
      return {
        remaining: () => entry.left,
        remove: () => {
          const k = rules.indexOf(entry);
          if (k >= 0) rules.splice(k, 1);
        },
      };
    },
    clear: () => void rules.splice(0),
    active: () => rules.map((r) => r.rule),
  };
  /** `after`: the fault this request already had ('slow' is followed by the next matching rule, never by itself again). */
  function take(path: string, after: Fault['kind'] | null): Fault | null {
    for (let k = 0; k < rules.length; k++) {
      const e = rules[k]!;
      const p = e.rule.path;
      if (p !== undefined && !(typeof p === 'string' ? path.includes(p) : p.test(path))) continue;
      if (after === 'slow' && e.rule.kind === 'slow') continue;
      e.left--;
      if (e.left <= 0) rules.splice(k, 1);
      return e.rule;
    }
    return null;
  }
  return { switches, take };
}
