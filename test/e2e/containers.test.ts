import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, openApp, openTemplate, runToEnd, type BrowserSession } from './browser';

const inspector = (page: Page) => page.locator('.params-form');

describe.skipIf(!hasBrowser)('a container service’s launch type', () => {
  let s: BrowserSession;
  afterEach(async () => {
    await s?.close();
  });

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`switching the API service from Fargate to EKS shows the instance fields and puts nodes and the cluster fee on the bill (${size.width})`, async () => {
      s = await openApp(size);
      const { page } = s;
      await openTemplate(page, /^Open template .*containers on Fargate/i);
      const form = inspector(page);
      const launch = form.getByLabel('Launch type', { exact: true });
      // The fitted view may still be moving the node when it is clicked (once, in a full run on a
      // busy machine, the click selected nothing): click again until the inspector shows it.
      await expect
        .poll(
          async () => {
            await page.locator('.react-flow__node[data-id="apiService"]').click();
            return launch.isVisible();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);
      await expect(launch.inputValue()).resolves.toBe('fargate');
      // Fargate: the architecture is a choice; there is no instance to choose.
      await expect.poll(() => form.getByLabel('Architecture', { exact: true }).count()).toBe(1);
      await expect.poll(() => form.getByLabel('Instance type', { exact: true }).count()).toBe(0);
      await expect.poll(() => form.getByLabel('Cluster name', { exact: true }).count()).toBe(0);

      await launch.selectOption({ label: 'EKS' });
      await expect.poll(() => form.getByLabel('Instance type', { exact: true }).count()).toBe(1);
      await expect.poll(() => form.getByLabel('Architecture', { exact: true }).count()).toBe(0);
      await expect(form.getByLabel('Instance type', { exact: true }).inputValue()).resolves.toBe('m5.large');
      await expect(form.getByLabel('Cluster name', { exact: true }).inputValue()).resolves.toBe('default');
      // The canvas node says where the tasks run.
      await expect
        .poll(() => page.locator('.react-flow__node[data-id="apiService"]').textContent())
        .toMatch(/EKS m5\.large/);
      await s.screenshot(`containers-inspector-eks-${size.width}`);

      await runToEnd(page);
      // One 0.25 vCPU / 1 GB pod on a 2 vCPU / 8 GB node: 87.5 % of it is paid for and idle.
      await expect.poll(() => page.getByTestId('badges-apiService').textContent()).toMatch(/88\s*% idle/);
      await page.getByRole('tab', { name: 'Bill' }).click();
      const table = page.locator('.results-panel').getByRole('table');
      // One m5.large node holds the API's one pod; the cluster is billed for the measured 20 min.
      const nodes = table.getByRole('row', {
        name: /m5\.large instance-seconds \(EKS nodes of cluster default/,
      });
      const fee = table.getByRole('row', {
        name: /EKS cluster default \(standard support, per cluster-hour\)/,
      });
      await expect.poll(() => nodes.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => fee.count(), { timeout: 10_000 }).toBe(1);
      // 1,200 s × $0.096/h = $0.032; 1/3 h × $0.10 = $0.0333.
      await expect(nodes.textContent()).resolves.toMatch(/1,200/);
      await expect(fee.textContent()).resolves.toMatch(/\$0\.03/);
      // The other services stay on Fargate.
      await expect.poll(() => table.getByText(/^vCPU \(2 per task/).count()).toBe(1);
      await fee.scrollIntoViewIfNeeded();
      await s.screenshot(`containers-bill-eks-${size.width}`);
    }, 180_000);
  }

  it('the EKS compare template runs: two nodes, the idle share on every service of the cluster (1366)', async () => {
    s = await openApp({ width: 1366, height: 768 });
    const { page } = s;
    await openTemplate(page, /^Open template .*containers on EKS/i);
    await runToEnd(page);
    // 2.5 of the 4 vCPU paid for are reserved: 37.5 % idle, shown on each service of the cluster.
    for (const id of ['apiService', 'filesService', 'renderService'])
      await expect.poll(() => page.getByTestId(`badges-${id}`).textContent()).toMatch(/38\s*% idle/);
    await s.screenshot('containers-eks-template-1366');
  }, 180_000);
});
