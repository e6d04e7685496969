// The browser preview's wire protocol: what the server accepts from a page (a command, a client id, a
// page name) and what a page accepts from the server (a stream line), checked at their edges.
import { describe, expect, it } from 'vitest';
import { clientIdSchema, invokeRequestSchema, previewPageSchema, streamMessageSchema } from '../../main/preview/protocol';

describe('the preview protocol', () => {
  it('a client id: 8 to 64 letters, digits, _ or -, and nothing around them', () => {
    for (const ok of ['a'.repeat(8), 'b'.repeat(64), 'tray-client_1']) expect(clientIdSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['a'.repeat(7), 'b'.repeat(65), '!valid-client-id', 'valid-client-id!', 'valid client', '', undefined, ['client-0001']]) {
      expect(clientIdSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('a command: a channel of 1 to 100 characters, a payload only when there is one', () => {
    expect(invokeRequestSchema.safeParse({ channel: 'c' }).success).toBe(true);
    expect(invokeRequestSchema.safeParse({ channel: 'c'.repeat(100), payload: { a: 1 } }).success).toBe(true);
    for (const bad of [{ channel: '' }, { channel: 'c'.repeat(101) }, { payload: 1 }, null, 'app:get-state']) expect(invokeRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('the pages are tray and settings only', () => {
    expect(previewPageSchema.options).toEqual(['tray', 'settings']);
  });

  it('a stream line is one of the kinds the bridge acts on, each with its fields', () => {
    const ok = [
      { kind: 'ready' },
      { kind: 'event', channel: 'app:state', payload: null },
      { kind: 'open', page: 'settings', hash: 'diagnostics' },
      { kind: 'focus' },
      { kind: 'copy', text: 'words' },
      { kind: 'external', url: 'https://example.com/' },
      { kind: 'notify', title: 't', body: 'b' },
    ];
    for (const m of ok) expect(streamMessageSchema.parse(m), m.kind).toEqual(m);
    const bad = [
      { kind: 'other' },
      { kind: 'event', payload: 1 },
      { kind: 'open', page: 'diagnostics', hash: '' },
      { kind: 'open', page: 'tray' },
      { kind: 'copy' },
      { kind: 'external', url: 'not a url' },
      { kind: 'notify', title: 't' },
      { kind: 'notify', body: 'b' },
    ];
    for (const m of bad) expect(streamMessageSchema.safeParse(m).success, JSON.stringify(m)).toBe(false);
  });
});
