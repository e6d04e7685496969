// The banners the windows show (AppState.notices): a keychain that fell back to memory, a tenant that
// is not set up yet, a token CXone refuses. Each id is up at most once, in the order raised.
import type { Notice } from '../../preload/contract';

export class NoticeBoard {
  private readonly list: Notice[] = [];

  /** `changed`: called after every add or drop that may have changed the list (the core republishes). */
  constructor(private readonly changed: () => void) {}

  /**
   * Raises a notice unless one with its id is up (the id defaults to level and message). `lasting`: it
   * stays until the core drops it (see Notice.lasting), whatever the user dismisses.
   */
  add(level: Notice['level'], message: string, id = `${level}:${message}`, action?: Notice['action'], lasting = false): void {
    if (this.list.some((n) => n.id === id)) return;
    this.list.push({ id, level, message, ...(action ? { action } : {}), ...(lasting ? { lasting: true as const } : {}) });
    this.changed();
  }

  /** The user's Dismiss: takes the notice down unless it is a lasting one. */
  dismiss(id: string): void {
    if (this.list.some((n) => n.id === id && !n.lasting)) this.drop(id);
  }

  /** Takes down the notices with these ids (those not up are ignored). */
  drop(...ids: string[]): void {
    const kept = this.list.filter((n) => !ids.includes(n.id));
    if (kept.length !== this.list.length) this.list.splice(0, this.list.length, ...kept);
    this.changed();
  }

  /** A copy of the notices up now, oldest first. */
  all(): Notice[] {
    return [...this.list];
  }
}
