import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { replayData } from '../../src/app/classroom/replay-data';
import { tick } from '../../src/app/classroom/controller';
import { shownSelector } from '../../src/app/classroom/use-shown';
import { useClassroom, type ClassroomState } from '../../src/app/classroom/store';
import { useRunStore } from '../../src/app/store/run';

/**
 * Playing must not render React on every frame: the canvas reads the playhead itself, and the
 * clock, timeline and counters catch up a few times a second, rendering only when their text
 * changes. Render counters on the parts that do not depend on the time (the request list, the
 * legend, the presentation band's buttons) catch a component that subscribes to the playhead.
 */
const renders = vi.hoisted(() => ({ picker: 0, legend: 0, mapToggle: 0 }));

vi.mock('../../src/app/classroom/TracePicker', async (load) => {
  const real = await load<typeof import('../../src/app/classroom/TracePicker')>();
  return {
    ...real,
    TracePicker: (p: Parameters<typeof real.TracePicker>[0]) => {
      renders.picker++;
      return real.TracePicker(p);
    },
  };
});
vi.mock('../../src/app/classroom/Legend', async (load) => {
  const real = await load<typeof import('../../src/app/classroom/Legend')>();
  return {
    ...real,
    Legend: (p: Parameters<typeof real.Legend>[0]) => {
      renders.legend++;
      return real.Legend(p);
    },
  };
});
vi.mock('../../src/app/servicemap/ServiceMapPanel', async (load) => {
  const real = await load<typeof import('../../src/app/servicemap/ServiceMapPanel')>();
  return {
    ...real,
    ServiceMapToggle: () => {
      renders.mapToggle++;
      return real.ServiceMapToggle();
    },
  };
});

const { PlaybackBar } = await import('../../src/app/classroom/PlaybackBar');
const { PresentHud } = await import('../../src/app/classroom/PresentHud');

const doc = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
);
doc.settings.durationSeconds = 30;
const result = simulate(doc, { series: true, traceSampleRate: 1, maxTraces: 2000, record: true });
const data = replayData(result, doc);

beforeEach(() => {
  useRunStore.setState({ result, scenario: doc } as never);
  useClassroom.setState({ open: true, playing: false, timeMs: 5000, shownMs: 5000, speed: 1, asking: null });
  renders.picker = renders.legend = renders.mapToggle = 0;
});
afterEach(() => cleanup());

/** 60 frames of 16 ms of playing: one second. */
function playOneSecond() {
  act(() => useClassroom.getState().setPlaying(true));
  for (let i = 0; i < 60; i++) act(() => tick(16));
}

describe('playing renders React only for what changed', () => {
  it('the replay bar: clock and timeline follow, the request list and legend do not render again', () => {
    render(<PlaybackBar data={data} />);
    const clock = screen.getByTestId('replay-clock');
    expect(clock.textContent).toBe('5.00 s');
    const before = { ...renders };
    expect(before.picker).toBeGreaterThan(0);
    playOneSecond();
    // 60 frames × 16 ms at 1×: the playhead moved 960 ms; the clock caught up at least once.
    expect(useClassroom.getState().timeMs).toBeCloseTo(5960, 6);
    expect(clock.textContent).not.toBe('5.00 s');
    // Pressing play changed the button (one render of the bar), then nothing while playing.
    expect(renders.picker - before.picker).toBe(1);
    expect(renders.legend - before.legend).toBe(1);
  });

  it('the presentation band: its buttons render once, not with the clock', () => {
    render(<PresentHud data={data} lesson={null} />);
    const before = renders.mapToggle;
    playOneSecond();
    expect(screen.getByLabelText('Simulated time').textContent).toMatch(/t = 5\.[5-9]\d s/);
    expect(renders.mapToggle - before).toBe(0);
  });

  it("a time-derived text is worked out once per catch-up, not on each frame's store change", () => {
    let calls = 0;
    const select = shownSelector((t) => {
      calls++;
      return String(Math.floor(t / 1000));
    });
    const at = (timeMs: number, shownMs: number) => ({ timeMs, shownMs }) as ClassroomState;
    expect(select(at(0, 0))).toBe('0');
    // Frames move timeMs only: no new work.
    for (let f = 1; f <= 60; f++) expect(select(at(f * 16, 0))).toBe('0');
    expect(calls).toBe(1);
    expect(select(at(1000, 1000))).toBe('1');
    expect(calls).toBe(2);
  });
});
