// The sandboxed preload: one CommonJS bundle that exposes window.agentTray and nothing else.
// ipcRenderer itself never crosses the context bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createAgentTrayApi } from './api';

const api = createAgentTrayApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  on: (channel, listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('agentTray', api);
