/** The compare view's progress: a bar and its words, read out politely. */
export function ProgressBar({ label, fraction, text }: { label: string; fraction: number; text: string }) {
  return (
    <div className="run-progress compare-progress">
      <div
        className="run-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="run-progress-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <span className="run-progress-text compare-status" aria-live="polite">
        {text}
      </span>
    </div>
  );
}
