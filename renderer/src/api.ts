// The renderer's only way to the app: window.agentTray, exposed by the preload (or the test harness).
import type { AgentTrayApi } from '../../preload/api';

export function agentTray(): AgentTrayApi {
  return window.agentTray;
}
