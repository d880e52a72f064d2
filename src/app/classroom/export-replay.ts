import { DrawnDots } from './draw-dots';
import { drawFrame, frameLayout, type FrameText } from './export-frame';
import type { ReplayData } from './replay-data';
import type { Scene } from './scene';
import { WebmReader } from './webm-frames';

/**
 * The replay of a time window as a WebM video or an animated GIF. Frames are drawn at replay
 * times (from + i × speed / fps), never from the wall clock, so the same choice gives the same
 * frames; a frame lasts 1/fps s in the file, so the file plays the window at the chosen speed.
 * The work yields to the page between frames (no long task) and can be cancelled.
 */

export interface ExportChoice {
  fromMs: number;
  toMs: number;
  /** Simulated seconds per second of the file. */
  speed: number;
  fps: number;
  width: number;
  height: number;
}

export interface ExportJob {
  data: ReplayData;
  scene: Scene;
  text: FrameText;
  choice: ExportChoice;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/** The replay times of the frames: one per 1/fps s of the file. */
export function frameTimes(c: ExportChoice): number[] {
  const span = Math.max(0, c.toMs - c.fromMs);
  const n = Math.max(1, Math.round((span / 1000 / c.speed) * c.fps));
  return Array.from({ length: n }, (_, i) => c.fromMs + (i * c.speed * 1000) / c.fps);
}

/** Width and height rounded to even numbers (video encoders want them). */
function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

function surface(c: ExportChoice): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = even(c.width);
  canvas.height = even(c.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser gave no 2D canvas to draw the frames on.');
  return { canvas, ctx };
}

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('Export cancelled', 'AbortError');
}

export async function exportGif(job: ExportJob): Promise<{ blob: Blob; frames: number }> {
  const { GIFEncoder, quantize, applyPalette } = await import('gifenc');
  const { canvas, ctx } = surface(job.choice);
  const lay = frameLayout(job.scene, canvas.width, canvas.height);
  const times = frameTimes(job.choice);
  const gif = GIFEncoder();
  const drawn = new DrawnDots();
  // GIF delays are in hundredths of a second.
  const delay = Math.max(2, Math.round(100 / job.choice.fps)) * 10;
  for (let i = 0; i < times.length; i++) {
    checkAbort(job.signal);
    drawFrame(ctx, job.data, job.scene, lay, times[i], job.text, drawn);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const palette = quantize(data, 256, { format: 'rgb444' });
    gif.writeFrame(applyPalette(data, palette, 'rgb444'), canvas.width, canvas.height, { palette, delay });
    job.onProgress?.(i + 1, times.length);
    await nextTask();
  }
  gif.finish();
  return { blob: new Blob([gif.bytes().slice()], { type: 'image/gif' }), frames: times.length };
}

/** Whether this browser can encode the video (WebCodecs' VideoEncoder with VP8). */
export async function canExportVideo(): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined') return false;
  try {
    const r = await VideoEncoder.isConfigSupported({ codec: 'vp8', width: 640, height: 360, bitrate: 2e6 });
    return r.supported === true;
  } catch {
    return false;
  }
}

export async function exportWebm(job: ExportJob): Promise<{ blob: Blob; frames: number }> {
  const { Muxer, ArrayBufferTarget } = await import('webm-muxer');
  const { canvas, ctx } = surface(job.choice);
  const lay = frameLayout(job.scene, canvas.width, canvas.height);
  const times = frameTimes(job.choice);
  const fps = job.choice.fps;
  const muxer = new Muxer({
    target: new ArrayBufferTarget(),
    video: { codec: 'V_VP8', width: canvas.width, height: canvas.height, frameRate: fps },
  });
  let failure: unknown = null;
  const encoder = new VideoEncoder({
    output: (chunk, meta) => muxer.addVideoChunk(chunk, meta),
    error: (e) => {
      failure = e;
    },
  });
  encoder.configure({
    codec: 'vp8',
    width: canvas.width,
    height: canvas.height,
    bitrate: 4_000_000,
    framerate: fps,
  });
  const drawn = new DrawnDots();
  const frameUs = 1e6 / fps;
  try {
    for (let i = 0; i < times.length; i++) {
      checkAbort(job.signal);
      if (failure) throw failure;
      drawFrame(ctx, job.data, job.scene, lay, times[i], job.text, drawn);
      // Timestamps from the frame's number, not the clock: the file lasts frames / fps.
      const frame = new VideoFrame(canvas, {
        timestamp: Math.round(i * frameUs),
        duration: Math.round(frameUs),
      });
      encoder.encode(frame, { keyFrame: i % (fps * 2) === 0 });
      frame.close();
      job.onProgress?.(i + 1, times.length);
      // Let the encoder catch up rather than queue every frame in memory.
      while (encoder.encodeQueueSize > 4) await nextTask();
      await nextTask();
    }
    await encoder.flush();
    if (failure) throw failure;
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
  muxer.finalize();
  return { blob: new Blob([muxer.target.buffer], { type: 'video/webm' }), frames: times.length };
}

/** The WebM type MediaRecorder can write here (VP8 first), or null when it cannot record a canvas. */
export function recorderVideoType(): string | null {
  if (typeof MediaRecorder === 'undefined' || typeof HTMLCanvasElement === 'undefined') return null;
  if (typeof HTMLCanvasElement.prototype.captureStream !== 'function') return null;
  for (const type of ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'])
    if (MediaRecorder.isTypeSupported(type)) return type;
  return null;
}

/** How this browser can make the video: WebCodecs (exact frame times), MediaRecorder (real time), or not at all. */
export async function videoEncoding(): Promise<'webcodecs' | 'recorder' | null> {
  if (await canExportVideo()) return 'webcodecs';
  return recorderVideoType() !== null ? 'recorder' : null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** How long the recorder may take to write one frame before the export gives up (a stalled encoder). */
const FRAME_STALL_MS = 60_000;

/**
 * The fallback for browsers without WebCodecs: each frame, drawn at the same replay times, is
 * shown on a canvas that MediaRecorder captures, and the next is drawn only once the recorder
 * has written this one (asked with requestData), so no frame is dropped however slowly the
 * machine encodes. The recorder stamps frames with its own clock; the frames are then written
 * again into a new WebM (webm-muxer) at exactly frame / fps, so the file has one frame per 1/fps s
 * and lasts frames ÷ fps, like the WebCodecs path.
 */
export async function exportWebmRecorded(job: ExportJob): Promise<{ blob: Blob; frames: number }> {
  const type = recorderVideoType();
  if (type === null) throw new Error('This browser can neither encode nor record a video.');
  const { canvas, ctx } = surface(job.choice);
  const lay = frameLayout(job.scene, canvas.width, canvas.height);
  const times = frameTimes(job.choice);
  const drawn = new DrawnDots();
  // Frames are pushed by hand (requestFrame), none on a timer of the browser's own.
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 4_000_000 });
  const reader = new WebmReader();
  // The recorder's data, read in order as it comes (each Blob's bytes arrive asynchronously).
  let reading: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    reading = reading.then(async () => {
      try {
        reader.push(new Uint8Array(await e.data.arrayBuffer()));
      } catch (err) {
        failure = err;
      }
    });
  };
  const stopped = new Promise<void>((ok, fail) => {
    recorder.onstop = () => ok();
    recorder.onerror = (e) => fail((e as ErrorEvent).error ?? new Error('the recorder failed'));
  });
  /** Waits until the recorder has written `n` frames. */
  const written = async (n: number) => {
    const since = performance.now();
    for (let wait = 5; ; wait = Math.min(50, wait * 2)) {
      await reading;
      if (failure) throw failure;
      if (reader.frames.length >= n) return;
      checkAbort(job.signal);
      if (performance.now() - since > FRAME_STALL_MS)
        throw new Error(`the browser's recorder wrote no frame ${n} within a minute.`);
      recorder.requestData();
      await sleep(wait);
    }
  };
  recorder.start();
  try {
    for (let i = 0; i < times.length; i++) {
      checkAbort(job.signal);
      drawFrame(ctx, job.data, job.scene, lay, times[i], job.text, drawn);
      track.requestFrame();
      await written(i + 1);
      job.onProgress?.(i + 1, times.length);
    }
  } finally {
    if (recorder.state !== 'inactive') recorder.stop();
    // The tracks stop only once the recorder has written everything out.
    await stopped.finally(() => stream.getTracks().forEach((t) => t.stop()));
    await reading;
  }
  checkAbort(job.signal);
  if (failure) throw failure;
  const got = reader.finish();
  // Only the frames asked for, in order (a recorder that wrote one more at stop adds nothing).
  const frames = got.frames.slice(0, times.length);
  if (frames.length < times.length || !frames[0]?.key)
    throw new Error(`the browser's recorder wrote ${got.frames.length} of ${times.length} frames.`);
  const { Muxer, ArrayBufferTarget } = await import('webm-muxer');
  const codec = got.codec === 'V_VP9' ? 'V_VP9' : 'V_VP8';
  const muxer = new Muxer({
    target: new ArrayBufferTarget(),
    video: {
      codec,
      width: got.width || canvas.width,
      height: got.height || canvas.height,
      frameRate: job.choice.fps,
    },
  });
  const frameUs = 1e6 / job.choice.fps;
  frames.forEach((f, i) => muxer.addVideoChunkRaw(f.data, f.key ? 'key' : 'delta', Math.round(i * frameUs)));
  muxer.finalize();
  return { blob: new Blob([muxer.target.buffer], { type: 'video/webm' }), frames: times.length };
}

/** Offers a blob as a file to save. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
