// The one demo tenant: the app (settings' defaults), the CLI's --demo and the browser preview all run
// the simulator with these, so every door into the demo shows the same roster. No imports: the
// renderer reads it through the settings schema.
export const DEMO_TENANT_DEFAULTS = { agents: 200, seed: 1 } as const;
