import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStoreApi } from '@xyflow/react';
import { Markdown } from '../notes/markdown';
import { fmtUsd } from '../results/format';
import { useRunStore } from '../store/run';
import { useScenarioStore } from '../store/scenario';
import { currentLesson } from './controller';
import { counterAtT, counterText } from './counters';
import { countersOf, titleOf } from './export-labels';
import { drawFrame, frameLayout } from './export-frame';
import { noticeOf } from './handout-text';
import { clockText } from './playback';
import type { ReplayData } from './replay-data';
import { sceneOf } from './scene';
import { pressed } from '../shortcuts/keymap';

/**
 * A lesson's handout, laid out for paper: the diagram, the questions with room to answer,
 * what to notice, key figures at chosen moments and the bill; the answers on a last page for
 * the teacher. Shown over the app; printing (or "Save as PDF") prints only this.
 */
export function Handout({ data, onClose }: { data: ReplayData; onClose(): void }) {
  const store = useStoreApi();
  const lesson = currentLesson();
  const endS = data.replay.durationMs / 1000;
  const [momentsText, setMomentsText] = useState(() =>
    defaultMoments(
      lesson?.steps.map((s) => s.atSeconds),
      endS,
    ),
  );
  const moments = useMemo(() => parseMoments(momentsText, endS), [momentsText, endS]);
  const counters = countersOf();
  const title = titleOf(data);
  const doc = ((useRunStore.getState() as { resultScenario?: unknown }).resultScenario ??
    useScenarioStore.getState().doc) as { notes?: string } | null;
  const notice = noticeOf(doc?.notes ?? '');
  const pictureAt = (moments[0] ?? endS / 2) * 1000;

  // Drawn once per moment (about 50 ms), not per render.
  const picture = useMemo(() => {
    const s = store.getState();
    const scene = sceneOf(s.nodeLookup, s.edgeLookup as Map<string, { source: string; target: string }>);
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 900;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    drawFrame(ctx, data, scene, frameLayout(scene, canvas.width, canvas.height), pictureAt, {
      title,
      counters,
    });
    return canvas.toDataURL('image/png');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, pictureAt]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (pressed('closeHandout', e)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const items = Object.entries(data.result.nodes).flatMap(([id, n]) =>
    n.cost.items.filter((i) => i.usd > 0).map((i) => ({ id, node: n.label || id, ...i })),
  );

  return createPortal(
    <div className="handout-screen" role="dialog" aria-modal="true" aria-label="Handout">
      <div className="handout-screen__bar">
        <label>
          Moments for the figures (s)
          <input
            className="input"
            value={momentsText}
            onChange={(e) => setMomentsText(e.target.value)}
            aria-describedby="handout-moments-help"
          />
        </label>
        <span id="handout-moments-help" className="muted">
          Times in simulated seconds, separated by commas (0 to {Math.round(endS)}).
        </span>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          Print or save as PDF
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <article className="handout" data-testid="handout">
        <h1>{title}</h1>
        {lesson?.summary ? <p className="handout__summary">{lesson.summary}</p> : null}
        <figure className="handout__figure">
          {picture ? (
            <img src={picture} alt={`The diagram and its requests at t = ${clockText(pictureAt)}`} />
          ) : null}
          <figcaption>
            The diagram at t = {clockText(pictureAt)}: dots are requests on their way; what is inside each
            node is written under it.
          </figcaption>
        </figure>

        {lesson && lesson.steps.length > 0 ? (
          <section className="handout__questions">
            <h2>Questions</h2>
            <ol>
              {lesson.steps.map((s, i) => (
                <li key={i} className="handout__question">
                  <p>
                    <strong>At t = {clockText(s.atSeconds * 1000)}.</strong> {s.question}
                  </p>
                  {s.choices?.length ? (
                    <ul className="handout__choices">
                      {s.choices.map((c) => (
                        <li key={c}>☐ {c}</li>
                      ))}
                    </ul>
                  ) : null}
                  <div className="handout__answer-space" aria-label="Room to answer" />
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        {notice ? (
          <section className="handout__notice">
            <h2>What to notice</h2>
            <Markdown source={notice} />
          </section>
        ) : null}

        <section className="handout__figures">
          <h2>Key figures</h2>
          <table data-testid="handout-figures">
            <thead>
              <tr>
                <th scope="col">t</th>
                {counters.map((p) => (
                  <th key={p} scope="col">
                    {counterAtT(data, p, 0).label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {moments.map((m) => (
                <tr key={m}>
                  <th scope="row">{clockText(m * 1000)}</th>
                  {counters.map((p) => {
                    const v = counterAtT(data, p, m * 1000);
                    return (
                      <td key={p} data-path={p} title={v.notAtT}>
                        {counterText(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {moments.some((m) => counters.some((p) => counterAtT(data, p, m * 1000).notAtT)) ? (
            <p className="handout__footnote">
              — not counted at that moment: the engine counts it for the whole run only.
            </p>
          ) : null}
        </section>

        <section className="handout__bill">
          <h2>The bill</h2>
          <p>
            This run ({clockText(data.result.simulatedSeconds * 1000)} simulated):{' '}
            <strong data-testid="handout-cost">{fmtUsd(data.result.totals.costUsd)}</strong>; at this rate for
            30 days:{' '}
            <strong data-testid="handout-monthly">{fmtUsd(data.result.totals.monthlyCostUsd)}</strong>.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Item</th>
                <th scope="col">Quantity</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={`${i.id}|${i.name}`}>
                  <td>{i.node}</td>
                  <td>{i.name}</td>
                  <td>
                    {i.quantity.toLocaleString('en-US', { maximumFractionDigits: 2 })} {i.unit}
                  </td>
                  <td>{fmtUsd(i.usd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        {lesson && lesson.steps.length > 0 ? (
          <section className="handout__answers">
            <h2>Answers (for the teacher)</h2>
            <ol>
              {lesson.steps.map((s, i) => (
                <li key={i}>
                  <strong>At t = {clockText(s.atSeconds * 1000)}.</strong> {s.answer}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </article>
    </div>,
    document.body,
  );
}

/** The lesson's pause points, else four moments spread over the run. */
function defaultMoments(steps: number[] | undefined, endS: number): string {
  const list = steps?.length ? steps.filter((s) => s <= endS) : [0.25, 0.5, 0.75, 1].map((f) => f * endS);
  return [...new Set(list.map((s) => Math.round(s * 10) / 10))].join(', ');
}

function parseMoments(text: string, endS: number): number[] {
  const out = text
    .split(/[,;\s]+/)
    .map(Number)
    .filter((x) => Number.isFinite(x) && x >= 0 && x <= endS);
  return [...new Set(out)].sort((a, b) => a - b).slice(0, 12);
}
