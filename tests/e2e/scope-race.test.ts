/**
 * A unit chosen while the last unit's rows are still on their way: when the slow answer
 * arrives, the grid keeps the rows of the unit now chosen (before, the league's late rows
 * overwrote the township's, and 共 N 行 named the wrong unit).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

describe('choosing a unit while the last one is loading, in Chromium', () => {
  let app: OpenApp;
  afterAll(() => app?.close());

  it('shows the rows of the unit chosen last, whatever answer comes last', async () => {
    app = await openApp('small', 3, '分类台账');
    const { core, page } = app;
    const year = 2026;
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const town = (await core.call('org.children', { parentId: banner!.id })).nodes.find((n) => n.level === 'township')!;
    const inTown = (await core.call('ledger.list', { year, scopeOrgId: town.id })).total;
    const whole = (await core.call('ledger.list', { year })).total;
    expect(whole).toBeGreaterThan(100);
    expect(inTown).toBeLessThan(whole);

    // The whole year's answer for the banner is held back 2 s, as a league's is on a slow PC.
    let held = 0;
    await page.route('**/api/invoke', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { method?: string; args?: { limit?: number; scopeOrgId?: number } };
      if (body.method === 'ledger.list' && body.args?.limit === undefined && body.args?.scopeOrgId === banner!.id) {
        held++;
        await new Promise((r) => setTimeout(r, 2000));
      }
      await route.continue();
    });
    const picker = page.getByTestId('scope-picker');
    const choose = async (name: string) => {
      await picker.click();
      await page.keyboard.insertText(name);
      await page.locator('.ant-select-tree-title', { hasText: name }).first().click();
    };
    await choose(banner!.name);
    await expect.poll(() => held).toBe(1);
    // While the banner's rows are held back, the township is chosen and shown.
    await choose(town.name);
    await expect.poll(() => page.getByTestId('row-count').innerText(), { timeout: 15_000 }).toBe(`共 ${inTown} 行`);
    // The banner's answer arrives after; the township's rows stay.
    await page.waitForTimeout(2500);
    await expect(page.getByTestId('row-count').innerText()).resolves.toBe(`共 ${inTown} 行`);
    await expect(picker.innerText()).resolves.toContain(town.name);
    await page.screenshot({ path: path.join(artifactsDir, 'scope-race.png') });
  });
});
