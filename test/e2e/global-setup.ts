import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { ARGS, CHROMIUM, hasBrowser } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the production build of the app is served for the browser tests. */
    baseUrl: string;
    /** The Chromium every e2e file connects to (browser.ts opens a context per test). */
    browserWs: string;
  }
}

/** A port the OS says is free right now; preview() then binds it with strictPort. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}

/**
 * Builds the app once with Vite's JS API into a private folder (so a developer's `dist/` and a
 * concurrently running dev server are left alone) and serves it with `vite preview`: the tests
 * exercise what users get, not the dev server.
 */
export default async function setup({ provide }: TestProject) {
  const root = resolve(import.meta.dirname, '../..');
  // SIM_E2E_DIST=<a folder `vite build` wrote> serves that build instead (re-running a few e2e
  // files while working, without building the same bundle again each time).
  const given = process.env.SIM_E2E_DIST;
  const outDir = given ? resolve(given) : mkdtempSync(join(tmpdir(), 'sim-e2e-dist-'));
  if (!given) await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server = await preview({
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  provide('baseUrl', url);
  const browser = hasBrowser
    ? await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: ARGS })
    : null;
  provide('browserWs', browser?.wsEndpoint() ?? '');
  return async () => {
    await browser?.close();
    await server.close();
    if (!given) rmSync(outDir, { recursive: true, force: true });
  };
}
