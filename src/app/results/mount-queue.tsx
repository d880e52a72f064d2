import { startTransition, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Mounting a panel's worth of charts at once, in the task that delivered the result, blocked
 * the page when a run ended. Each chart waits here for its turn and mounts in a task of its
 * own, one at a time, after the browser has painted what came before: the page stays
 * responsive and the cheap parts (figures, titles) appear at once.
 */
interface Job {
  start(): void;
}

const waiting: Job[] = [];
/** The job whose mount is under way; the next one waits until it has committed. */
let current: Job | null = null;
let pending = false;

/** After the next paint, in a fresh task (rAF alone would run before the paint). */
function afterPaint(fn: () => void): void {
  if (
    typeof requestAnimationFrame === 'function' &&
    typeof document !== 'undefined' &&
    document.visibilityState !== 'hidden'
  ) {
    requestAnimationFrame(() => setTimeout(fn, 0));
  } else {
    // A hidden tab gets no frames; mount anyway so the work is done when it comes back.
    setTimeout(fn, 0);
  }
}

function pump(): void {
  if (current || pending || waiting.length === 0) return;
  pending = true;
  afterPaint(() => {
    pending = false;
    if (current) return;
    const job = waiting.shift();
    if (!job) return;
    current = job;
    job.start();
  });
}

function enqueue(job: Job): void {
  waiting.push(job);
  pump();
}

function finish(job: Job): void {
  const i = waiting.indexOf(job);
  if (i >= 0) waiting.splice(i, 1);
  if (current === job) {
    current = null;
  }
  pump();
}

/**
 * Renders `placeholder` first and `children` once its turn in the queue comes. `resetKey`
 * starts over (a new result): the old chart is replaced by the placeholder for a frame
 * rather than re-rendered in place in one long task.
 */
export function Deferred({
  children,
  placeholder = null,
  resetKey,
  before,
}: {
  children: ReactNode | (() => ReactNode);
  placeholder?: ReactNode;
  resetKey?: unknown;
  /** Awaited before the turn is taken (the plots' code): a chart never mounts half loaded. */
  before?: () => Promise<unknown>;
}) {
  const [readyFor, setReadyFor] = useState<{ key: unknown } | null>(null);
  const ready = readyFor !== null && Object.is(readyFor.key, resetKey);
  const jobRef = useRef<Job | null>(null);

  useEffect(() => {
    const mount = () => startTransition(() => setReadyFor({ key: resetKey }));
    const job: Job = {
      start: () => {
        if (!before) return mount();
        // The code arrives in a task of its own; the chart mounts in the next. A load that
        // fails still lets the queue go on (the chart stays a placeholder).
        before().then(mount, () => finish(job));
      },
    };
    jobRef.current = job;
    enqueue(job);
    return () => finish(job);
    // `before` is a module-level loader: the same function on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey]);

  return ready ? (
    <>
      {typeof children === 'function' ? children() : children}
      <Committed jobRef={jobRef} resetKey={resetKey} />
    </>
  ) : (
    placeholder
  );
}

/** Tells the queue, once the children are on the page, that the next part may start. */
function Committed({ jobRef, resetKey }: { jobRef: { current: Job | null }; resetKey: unknown }) {
  useLayoutEffect(() => {
    if (jobRef.current) finish(jobRef.current);
  }, [jobRef, resetKey]);
  return null;
}

/** For tests: how many parts are still waiting or mounting. */
export function mountQueueLength(): number {
  return waiting.length + (current ? 1 : 0);
}
