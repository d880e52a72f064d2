/**
 * The "stops a run" sign, drawn rather than typed: ⛔ is an emoji that machines without an
 * emoji font (Debian's Chromium, many classroom Linux boxes) show as an empty box. A red disc
 * with a white bar, in the text's colour and size.
 */
export function StopIcon() {
  return (
    <svg
      className="stop-icon"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="8" r="7.5" fill="currentColor" />
      <rect x="3.5" y="6.75" width="9" height="2.5" rx="0.5" fill="#fff" />
    </svg>
  );
}
