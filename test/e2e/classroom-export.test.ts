import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { decompressFrames, parseGIF } from 'gifuct-js';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';
import { fmtUsd } from '../../src/app/results/format';
import { readWebmFrames } from '../../src/app/classroom/webm-frames';
import { downloadBytes, hasBrowser, openApp, openBrowser, type BrowserSession } from './browser';

/** The app opens on this template (persistence/templates.ts), with its lesson. */
const TEMPLATE = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../src/templates/api-function.json'), 'utf8'),
);

async function openExport(page: Page, opts: { from: number; to: number; speed: number; fps: number }) {
  await page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
  await page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Export the replay' }).click();
  await page.getByLabel('From (s)').fill(String(opts.from));
  await page.getByLabel('To (s)').fill(String(opts.to));
  await page.getByLabel('Speed (simulated s per s)').fill(String(opts.speed));
  await page.getByLabel('Frames per second').fill(String(opts.fps));
}

async function save(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await downloadBytes(download) };
}

/** Pixels (RGBA) that differ between two images of the same size. */
function differing(a: Uint8ClampedArray | Uint8Array, b: Uint8ClampedArray | Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4)
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
}

describe.skipIf(!hasBrowser)('classroom: the replay for slides and paper', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  it('exports a GIF of the chosen window: one frame per 1/fps s of replay time, and the requests move', async () => {
    s = await openApp({ width: 1440, height: 900 });
    // 10 s to 12 s at 1× and 5 frames per second: 2 s × 5 = 10 frames of 200 ms.
    await openExport(s.page, { from: 10, to: 12, speed: 1, fps: 5 });
    await expect.poll(() => s.page.getByTestId('export-summary').textContent()).toContain('10 frames');
    await s.screenshot('classroom-export-dialog');
    const gif = await save(s.page, 'Save GIF');
    expect(gif.name).toBe('replay-10s-12s.gif');
    const frames = decompressFrames(
      parseGIF(gif.bytes.buffer.slice(gif.bytes.byteOffset) as ArrayBuffer),
      true,
    );
    expect(frames).toHaveLength(10);
    for (const f of frames) {
      expect(f.delay).toBe(200);
      expect(f.dims).toMatchObject({ width: 960, height: 540 });
    }
    // Not blank: the diagram, its text and the dots use many colours.
    expect(new Set(Array.from({ length: 2000 }, (_, i) => frames[0].patch[i * 1000])).size).toBeGreaterThan(
      3,
    );
    // Requests arrive at 20/s: every frame differs from the one before (dots moved, counters rose).
    for (let i = 1; i < frames.length; i++)
      expect(differing(frames[i - 1].patch, frames[i].patch), `frame ${i} vs ${i - 1}`).toBeGreaterThan(20);
    await expect
      .poll(() => s.page.getByTestId('export-progress').textContent())
      .toContain('10 frames, 2.0 s');
  });

  it('exports a WebM video that lasts frames ÷ fps and shows the replay moving', async () => {
    s = await openApp({ width: 1440, height: 900 });
    // 30 s to 34 s at 2×, 10 frames per second: 2 s of video, 20 frames.
    await openExport(s.page, { from: 30, to: 34, speed: 2, fps: 10 });
    await expect.poll(() => s.page.getByTestId('export-summary').textContent()).toContain('20 frames');
    const video = await save(s.page, 'Save WebM video');
    expect(video.name).toBe('replay-30s-34s.webm');
    // A WebM file: the EBML magic number, then more than a few frames' worth of data.
    expect([...video.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(video.bytes.length).toBeGreaterThan(5000);
    expect(readWebmFrames(video.bytes).frames.map((f) => f.timeMs)).toEqual(
      Array.from({ length: 20 }, (_, i) => i * 100),
    );
    // Decoded by the browser: its duration, its size, and two moments that differ.
    const seen = await s.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const v = document.createElement('video');
      v.muted = true;
      v.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
      await new Promise((ok, fail) => {
        v.onloadeddata = ok;
        v.onerror = () => fail(new Error('the video did not load'));
      });
      const grab = async (t: number) => {
        await new Promise((ok) => {
          v.onseeked = ok;
          v.currentTime = t;
        });
        const c = document.createElement('canvas');
        c.width = v.videoWidth;
        c.height = v.videoHeight;
        const g = c.getContext('2d')!;
        g.drawImage(v, 0, 0);
        return Array.from(g.getImageData(0, 0, c.width, c.height).data);
      };
      const a = await grab(0.05);
      const b = await grab(1.85);
      let diff = 0;
      for (let i = 0; i < a.length; i += 4)
        if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) > 40) diff++;
      return { duration: v.duration, w: v.videoWidth, h: v.videoHeight, diff };
    }, video.bytes.toString('base64'));
    expect(seen.w).toBe(960);
    expect(seen.h).toBe(540);
    // 20 frames of 0.1 s: the browser reads the duration up to the last frame's start (1.9 s)
    // or its end (2.0 s); a frame more or less would be 1.8 s or 2.1 s.
    expect(seen.duration).toBeGreaterThan(1.85);
    expect(seen.duration).toBeLessThan(2.05);
    expect(seen.diff).toBeGreaterThan(50);
  });

  it('without WebCodecs the video is recorded from the canvas (MediaRecorder) at 1920×1080: every frame, each lasting exactly 1/fps', async () => {
    s = await openBrowser({ width: 1440, height: 900 });
    // A browser without WebCodecs: the page never sees VideoEncoder.
    await s.page.addInitScript(() => {
      delete (window as { VideoEncoder?: unknown }).VideoEncoder;
    });
    await s.page.goto(inject('baseUrl'));
    await s.page.getByTestId('node-clients').waitFor();
    expect(await s.page.evaluate(() => typeof (window as { VideoEncoder?: unknown }).VideoEncoder)).toBe(
      'undefined',
    );
    // 30 s to 34 s at 2×, 10 frames per second: 2 s of video, 20 frames.
    await openExport(s.page, { from: 30, to: 34, speed: 2, fps: 10 });
    await expect.poll(() => s.page.getByTestId('video-how').textContent()).toContain('MediaRecorder');
    // The size a slide wants: the recorder encodes 1080p in software here, frame by frame.
    await s.page.getByLabel('Size', { exact: false }).first().selectOption({ label: '1920 × 1080' });
    const video = await save(s.page, 'Save WebM video');
    expect(video.name).toBe('replay-30s-34s.webm');
    expect([...video.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    await expect.poll(() => s.page.getByTestId('export-progress').textContent()).toContain('20 frames');
    // The file's frames: 20, one every 100 ms exactly, the first a keyframe.
    const inFile = readWebmFrames(video.bytes);
    expect(inFile.frames.map((f) => f.timeMs)).toEqual(Array.from({ length: 20 }, (_, i) => i * 100));
    expect(inFile.frames[0].key).toBe(true);
    expect(inFile).toMatchObject({ width: 1920, height: 1080 });
    // Decoded by the browser's own decoder, frame by frame: 20 pictures of 1920 × 1080.
    const decoded = await s.page.evaluate(
      async ({ codec, frames }) => {
        const sizes: string[] = [];
        const dec = new VideoDecoder({
          output: (f) => {
            sizes.push(`${f.displayWidth}x${f.displayHeight}`);
            f.close();
          },
          error: (e) => {
            throw e;
          },
        });
        dec.configure({ codec });
        for (const f of frames)
          dec.decode(
            new EncodedVideoChunk({
              type: f.key ? 'key' : 'delta',
              timestamp: f.timeMs * 1000,
              data: Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0)),
            }),
          );
        await dec.flush();
        return sizes;
      },
      {
        codec: inFile.codec === 'V_VP9' ? 'vp09.00.10.08' : 'vp8',
        frames: inFile.frames.map((f) => ({
          key: f.key,
          timeMs: f.timeMs,
          b64: Buffer.from(f.data).toString('base64'),
        })),
      },
    );
    expect(decoded).toEqual(Array.from({ length: 20 }, () => '1920x1080'));
    const seen = await s.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const v = document.createElement('video');
      v.muted = true;
      v.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
      await new Promise((ok, fail) => {
        v.onloadeddata = ok;
        v.onerror = () => fail(new Error('the video did not load'));
      });
      // A recorded WebM says no duration in its header: seeking past the end makes the browser find it.
      if (!Number.isFinite(v.duration)) {
        await new Promise((ok) => {
          v.ondurationchange = () => Number.isFinite(v.duration) && ok(null);
          v.currentTime = 1e6;
        });
      }
      const grab = async (t: number) => {
        await new Promise((ok) => {
          v.onseeked = ok;
          v.currentTime = t;
        });
        const c = document.createElement('canvas');
        c.width = v.videoWidth;
        c.height = v.videoHeight;
        const g = c.getContext('2d')!;
        g.drawImage(v, 0, 0);
        return Array.from(g.getImageData(0, 0, c.width, c.height).data);
      };
      const a = await grab(0.05);
      const b = await grab(Math.min(1.85, v.duration - 0.05));
      let diff = 0;
      for (let i = 0; i < a.length; i += 4)
        if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) > 40) diff++;
      return { duration: v.duration, w: v.videoWidth, h: v.videoHeight, diff };
    }, video.bytes.toString('base64'));
    expect(seen.w).toBe(1920);
    expect(seen.h).toBe(1080);
    // 20 frames of 0.1 s: the browser reads the duration up to the last frame's start (1.9 s) or
    // its end (2.0 s), within one frame of the 2 s asked for; a frame more or less would be outside.
    expect(seen.duration).toBeGreaterThan(1.85);
    expect(seen.duration).toBeLessThan(2.05);
    expect(seen.diff).toBeGreaterThan(50);
  });

  it('the handout has the diagram, every question with room to answer, the figures and the bill, answers last', async () => {
    s = await openApp({ width: 1440, height: 900 });
    await s.page.getByRole('button', { name: 'Replay requests on the canvas' }).click();
    await s.page.getByTestId('replay-clock').waitFor({ timeout: 60_000 });
    await s.page.getByRole('button', { name: 'Export the replay' }).click();
    await s.page.getByRole('button', { name: 'Handout for printing…' }).click();
    const handout = s.page.getByTestId('handout');
    await handout.waitFor();
    await s.page.getByLabel('Moments for the figures (s)').fill('60, 600');

    // The diagram as a picture drawn from the run.
    const img = handout.getByRole('img', { name: /The diagram and its requests at t = / });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1600);
    expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    // Every question of the lesson, each with its room to answer; the answers in the last section.
    const lesson = TEMPLATE.lesson;
    const text = (await handout.textContent()) ?? '';
    for (const step of lesson.steps) expect(text).toContain(step.question);
    expect(await handout.getByLabel('Room to answer').count()).toBe(lesson.steps.length);
    const answers = (await handout.locator('.handout__answers').textContent()) ?? '';
    for (const step of lesson.steps) expect(answers).toContain(step.answer);

    // The figures come from the run: at the end the requests counted are the run's total
    // (the same scenario run here, in Node, outside the browser), within the sampling's error.
    const plain = simulate(TEMPLATE.scenario ?? TEMPLATE);
    const rows = handout.getByTestId('handout-figures').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const atEnd = (await rows.nth(1).locator('td[data-path="totals.requests"]').textContent()) ?? '';
    const shown = Number(atEnd.replace(/[^\d.]/g, ''));
    expect(Math.abs(shown - plain.totals.requests) / plain.totals.requests).toBeLessThan(0.03);
    expect(await handout.getByTestId('handout-cost').textContent()).toBe(fmtUsd(plain.totals.costUsd));
    expect(await handout.getByTestId('handout-monthly').textContent()).toBe(
      fmtUsd(plain.totals.monthlyCostUsd),
    );
    await s.screenshot('classroom-handout');

    // Printed, only the handout is there, and the answers start a page of their own.
    await s.page.emulateMedia({ media: 'print' });
    expect(await s.page.getByRole('button', { name: 'Run' }).first().isVisible()).toBe(false);
    expect(await handout.isVisible()).toBe(true);
    expect(
      await handout.locator('.handout__answers').evaluate((el) => getComputedStyle(el).breakBefore),
    ).toBe('page');
    const pdf = await s.page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
  });
});
