// The page the browser shows after the redirect to the loopback listener. Self-contained (no scripts,
// fonts or images from anywhere) because it is served by a listener that closes right after.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Only inline styles may apply; nothing may load. */
export const CALLBACK_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";

export function renderCallbackPage(page: { ok: boolean; title: string; message: string }): string {
  const accent = page.ok ? '#1a7f37' : '#b42318';
  const glyph = page.ok ? '✓' : '✕';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)} — CXone Agent Tray</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f7f9;color:#1f2328;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:2rem 2.5rem;max-width:32rem}
h1{font-size:1.4rem;margin:0 0 .75rem;color:${accent}}
p{line-height:1.5;margin:.5rem 0}
</style></head>
<body><main><h1><span aria-hidden="true">${glyph}</span> ${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.message)}</p>
<p>You can close this tab and return to CXone Agent Tray.</p></main></body></html>
`;
}
