// The browser preview's wire protocol, shared by the Node server (main/preview/preview-server.ts) and the
// page bridge that stands in for the preload (renderer/preview/page-bridge.ts). The IPC contract itself
// (preload/contract.ts) is unchanged: commands travel as { channel, payload } and come back as the
// router's IpcResult; events as { channel, payload }.
import { z } from 'zod';

export const INVOKE_PATH = '/__preview/invoke';
export const EVENTS_PATH = '/__preview/events';
export const BRIDGE_SCRIPT_PATH = '/__preview/bridge.js';
/** The per-run secret: in the page URL's query (?k=…), then in this header on every API request. */
export const SECRET_PARAM = 'k';
export const SECRET_HEADER = 'x-preview-secret';
/** Which page made a command, so a window the core opens appears next to it. */
export const CLIENT_HEADER = 'x-preview-client';

export const previewPageSchema = z.enum(['tray', 'settings']);
export type PreviewPage = z.infer<typeof previewPageSchema>;

/** payload is absent for commands without a request (JSON has no undefined). */
export const invokeRequestSchema = z.object({ channel: z.string().min(1).max(100), payload: z.unknown().optional() });
export const clientIdSchema = z.string().regex(/^[\w-]{8,64}$/);

/** One line (JSON) of the event stream a page holds open. */
export const streamMessageSchema = z.discriminatedUnion('kind', [
  /** The page is subscribed: events from now on reach it. */
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('event'), channel: z.string(), payload: z.unknown() }),
  /** Open a window of the app (a browser tab) — the core's ui.openWindow. */
  z.object({ kind: z.literal('open'), page: previewPageSchema, hash: z.string() }),
  /** This page's window was asked to come to the front. */
  z.object({ kind: z.literal('focus') }),
  z.object({ kind: z.literal('copy'), text: z.string() }),
  /** An https link or the sign-in page, for the browser to open. */
  z.object({ kind: z.literal('external'), url: z.url() }),
  z.object({ kind: z.literal('notify'), title: z.string(), body: z.string() }),
]);
export type StreamMessage = z.infer<typeof streamMessageSchema>;
