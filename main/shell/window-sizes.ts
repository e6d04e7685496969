// The windows' sizes, apart from the window factory so the renderer tests (plain Node, no electron
// module) lay pages out at exactly what users get.

/**
 * The tray window (frameless: this is its content size). 600 px high holds twelve compact rows below
 * everything a supervisor sees above the list — status, the queue strip with its summary, the hour's
 * trend and the chips — in office hours, when the queue summary takes a line of its own; at 560 px
 * that was eleven (test/e2e/windows.spec.ts).
 */
export const TRAY_WINDOW_SIZE = { width: 380, height: 600 } as const;
