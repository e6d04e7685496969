// The tray icon's tooltip: key facts first (counts, state, when, notifications paused), the server's
// own words last and shortened, within what the platform shows. Windows cuts a tooltip at 127
// characters (NOTIFYICONDATA.szTip is 128 with the terminating NUL); macOS and Linux show far more.
import type { StateCategory } from '../cxone/model';
import type { MonitorStatus } from '../monitor/status';

export const TOOLTIP_LIMITS = { win32: 127, other: 400 } as const;

export function tooltipLimit(platform: string): number {
  return platform === 'win32' ? TOOLTIP_LIMITS.win32 : TOOLTIP_LIMITS.other;
}

export interface TooltipInput {
  counts: Record<StateCategory, number> | null;
  status: MonitorStatus;
  demo: boolean;
  signedIn: boolean;
  notifications: { until: number | null; indefinitely: boolean };
  /** The watched queues' lead, most important first (queue-summary.ts queueTooltipLead): the tooltip starts with it. */
  queueLead?: readonly string[];
  /** Local clock time, e.g. "14:05". */
  formatTime: (ms: number) => string;
  /** The platform's limit (tooltipLimit); generous when not given. */
  maxLength?: number;
}

const TOOLTIP_ORDER: [StateCategory, string][] = [
  ['available', 'available'],
  ['on-contact', 'on contact'],
  ['unavailable', 'unavailable'],
  ['acw', 'in ACW'],
];

const ELLIPSIS = '…';

/**
 * "CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — updated at 14:05".
 * The time is absolute: the tooltip is rendered when something changes, so a relative "4 s ago"
 * would be frozen and wrong by the time anyone hovers.
 */
export function trayTooltip(t: TooltipInput): string {
  const title = t.demo ? 'CXone Agent Tray (demo)' : 'CXone Agent Tray';
  if (!t.signedIn) return fitTooltip({ title, facts: ['signed out'] }, t.maxLength);
  const { counts, status } = t;
  const agentParts = counts ? TOOLTIP_ORDER.filter(([c]) => counts[c] > 0 || c === 'available').map(([c, w]) => `${counts[c]} ${w}`) : [];
  // The worst queue leads; the agent counts after it are what gives way first on a short tooltip.
  const parts = [...(t.queueLead ?? []), ...agentParts];
  const last = 'lastSuccessAt' in status ? status.lastSuccessAt : null;
  const when = last === null ? 'waiting for the first update' : `updated at ${t.formatTime(last)}`;
  const state = status.kind === 'paused' ? 'paused' : status.kind === 'error' || status.kind === 'backing-off' ? 'error' : status.kind === 'stale' ? 'stale' : null;
  const muted = t.notifications.indefinitely
    ? 'notifications paused'
    : t.notifications.until !== null
      ? `notifications paused until ${t.formatTime(t.notifications.until)}`
      : null;
  const serverText = status.kind === 'error' || status.kind === 'backing-off' ? status.error.message : null;
  return fitTooltip({ title, counts: parts, facts: [[state, when].filter(Boolean).join(', '), ...(muted ? [muted] : [])], detail: serverText }, t.maxLength);
}

/**
 * Joins the pieces as "title — counts — facts — detail" within maxLength. What gives way first is the
 * detail (the server's sentence, shortened with "…"), then the smaller counts, then the first count's
 * words; the facts stay (only a limit too short for them and the title cuts them).
 */
export function fitTooltip(p: { title: string; counts?: string[]; facts: string[]; detail?: string | null }, maxLength: number = TOOLTIP_LIMITS.other): string {
  const counts = [...(p.counts ?? [])];
  const render = (detail: string | null) =>
    [p.title, counts.join(' · '), p.facts.join(' · '), detail ?? ''].filter((s) => s.length > 0).join(' — ');
  const detail = p.detail ? p.detail.replace(/\s+/g, ' ').trim() : null;
  if (render(detail).length <= maxLength) return render(detail);
  // The counts and facts alone must fit first; the smaller counts make way ("12 available · …").
  while (render(null).length > maxLength && counts.length > 1) {
    if (counts.at(-1) !== ELLIPSIS) counts[counts.length - 1] = ELLIPSIS;
    else if (counts.length > 2) counts.splice(counts.length - 2, 1);
    else counts.pop();
  }
  let bare = render(null);
  // The first count alone is too long for the facts beside it (the worst queue's lead, a long skill name):
  // that count is shortened at a word, so the state, the time and the pause stay whole.
  if (bare.length > maxLength && counts.length === 1) {
    const room = maxLength - (bare.length - counts[0]!.length);
    if (room >= 12) {
      counts[0] = shorten(counts[0]!, room);
      bare = render(null);
    }
  }
  if (bare.length > maxLength) return bare.slice(0, maxLength - 1) + ELLIPSIS;
  if (!detail) return bare;
  // What is left goes to the server's words, cut at a word where possible.
  const room = maxLength - bare.length - ' — '.length;
  if (room < 12) return bare;
  return `${bare} — ${shorten(detail, room)}`;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:—-]+$/, '') + ELLIPSIS;
}
