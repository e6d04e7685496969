import type { AgentTrayApi } from './api';

declare global {
  interface Window {
    /** Exposed by the preload (contextBridge). The renderer's only way to main. */
    agentTray: AgentTrayApi;
  }
}
export {};
