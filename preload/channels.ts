// Channel names only — no zod — so the sandboxed preload bundle stays small. preload/contract.ts
// attaches the schemas and fails to compile if a name here and a contract entry ever disagree.

/** renderer → main, answered. The key is the preload's function name. */
export const COMMAND_CHANNELS = {
  getAppState: 'app:get-state',
  getRosterSnapshotPart: 'roster:get-snapshot-part',
  getPickerChoices: 'roster:get-picker-choices',
  getAgentHistory: 'roster:get-history',
  getTrend: 'trend:get',
  getQueues: 'queues:get',
  saveSettings: 'settings:save',
  testConnection: 'settings:test-connection',
  signIn: 'session:sign-in',
  cancelSignIn: 'session:cancel-sign-in',
  signOut: 'session:sign-out',
  startDemo: 'demo:start',
  refreshNow: 'monitor:refresh-now',
  setPollingPaused: 'monitor:set-paused',
  pauseNotifications: 'notifications:pause',
  setAgentPinned: 'agents:set-pinned',
  runDiagnostics: 'diagnostics:run',
  dismissNotice: 'notices:dismiss',
  copyText: 'clipboard:write-text',
  openExternal: 'shell:open-external',
  openWindow: 'window:open',
  hideWindow: 'window:hide',
} as const;

/** main → renderer, pushed. The preload exposes each as on<Name>. */
export const EVENT_CHANNELS = {
  appState: 'app:state',
  rosterDelta: 'roster:delta',
  pickerChoicesChanged: 'roster:picker-choices-changed',
  queues: 'queues:state',
  focusAgent: 'ui:focus-agent',
  showSection: 'ui:show-section',
} as const;
