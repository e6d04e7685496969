// Layout checks a person would make by eye, as functions over the real DOM in Chromium: text that is
// cut (by its own box or by an ancestor that hides overflow) and content that lies under a fixed
// footer. Page-side code is a string: this file is typechecked without the DOM library.
import type { Browser, Page } from '@playwright/test';

/**
 * Every element under `root` with its own visible text that a person cannot read in full without
 * scrolling sideways: its text overflows its own box while it hides overflow (or ends in an
 * ellipsis), or it lies outside an ancestor that hides or scrolls overflow horizontally, or outside an
 * ancestor that hides (not scrolls) overflow vertically. Inputs (the user scrolls in them), screen-
 * reader-only text and aria-hidden decoration are skipped. A closed <select> whose chosen option's
 * words are wider than the room beside its arrow counts as clipped too ("Waiting more thar").
 * Returns one description per clipped element.
 */
export function clippedText(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    const own = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' "' + el.textContent.trim().slice(0, 40) + '"';
    for (const el of document.querySelectorAll(${JSON.stringify(root)} + ' *')) {
      if (!own(el) || el.closest('.sr-only, [aria-hidden="true"], input, textarea, select, option')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const cs = getComputedStyle(el);
      if ((cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1) {
        out.push(name(el) + ': its text is wider than its box (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
        continue;
      }
      let scrolledY = false; // inside a vertical scroller: scrolling reads it, nothing further up cuts it
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const as = getComputedStyle(a);
        const ar = a.getBoundingClientRect();
        if (scrolledY && as.overflowX === 'visible') continue;
        if (as.overflowX !== 'visible' && (r.left < ar.left - 1 || r.right > ar.right + 1)) {
          out.push(name(el) + ': sticks out sideways of ' + name(a).split(' ')[0]);
          break;
        }
        if (!scrolledY && (as.overflowY === 'hidden' || as.overflowY === 'clip') && (r.top < ar.top - 1 || r.bottom > ar.bottom + 1)) {
          out.push(name(el) + ': cut off at the top or bottom of ' + name(a).split(' ')[0]);
          break;
        }
        if (as.overflowY === 'auto' || as.overflowY === 'scroll') scrolledY = true;
      }
    }
    // A select draws its chosen option itself, so its text has no box to measure: measure the words in
    // its font and compare them with the room left of the drop-down arrow (about 20 px in Chromium).
    const ctx = document.createElement('canvas').getContext('2d');
    for (const sel of document.querySelectorAll(${JSON.stringify(root)} + ' select')) {
      const opt = sel.selectedOptions[0];
      const r = sel.getBoundingClientRect();
      if (!opt || r.width === 0 || sel.closest('[aria-hidden="true"]')) continue;
      const cs = getComputedStyle(sel);
      ctx.font = cs.font;
      const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
      const need = ctx.measureText(opt.text.trim()).width;
      if (need > room + 1) out.push('select "' + opt.text.trim() + '": its words need ' + Math.ceil(need) + ' px, it has ' + Math.floor(room));
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) out.push('the page scrolls sideways');
    return out;
  })()`);
}

/**
 * A page the way Chromium lays out a window at 200 % zoom: zoom doubles the size of a CSS pixel, so
 * the window's layout viewport holds half as many CSS pixels each way (a 380 × 560 window is 190 × 280
 * CSS px) and each CSS pixel is drawn with two device pixels (devicePixelRatio 2). A page is made at
 * device scale 2; `atZoom200` then halves its viewport (the harness's open() sets the window size).
 */
export async function zoomedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ deviceScaleFactor: 2 });
  return context.newPage();
}

export async function atZoom200(page: Page): Promise<void> {
  const size = page.viewportSize();
  if (!size) throw new Error('the page has no viewport');
  await page.setViewportSize({ width: Math.round(size.width / 2), height: Math.round(size.height / 2) });
  const dpr = await page.evaluate('devicePixelRatio');
  if (dpr !== 2) throw new Error(`expected devicePixelRatio 2 at 200 % zoom, got ${String(dpr)}`);
}

/** The focused element's box and the footer's top edge (null when there is no footer). */
export function focusedVsFooter(page: Page, footer: string): Promise<{ what: string; bottom: number; footerTop: number } | null> {
  return page.evaluate(`(() => {
    const f = document.querySelector(${JSON.stringify(footer)});
    const el = document.activeElement;
    if (!f || !el || el === document.body || f.contains(el)) return null;
    return { what: el.tagName.toLowerCase() + ' ' + (el.getAttribute('aria-label') || el.id || el.textContent.trim().slice(0, 30)), bottom: el.getBoundingClientRect().bottom, footerTop: f.getBoundingClientRect().top };
  })()`);
}

/**
 * Where a screenshot of a scrolled settings section should end so it shows only whole parts: above the
 * first part of the section that runs under the content's bottom edge (null: everything in view is whole).
 */
export function wholePartsClip(page: Page): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate(`(() => {
    const content = document.querySelector('.settings-content');
    const section = content && content.querySelector('.settings-section');
    if (!section) return null;
    const bottom = content.getBoundingClientRect().bottom;
    for (const part of section.children) {
      const r = part.getBoundingClientRect();
      if (r.top < bottom && r.bottom > bottom + 1) return { x: 0, y: 0, width: innerWidth, height: Math.max(1, Math.floor(r.top - 6)) };
    }
    return null;
  })()`);
}
