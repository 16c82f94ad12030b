import { chromium, type Browser } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { startStack, type Stack } from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS } from './page-checks.js';

const WAIT = { timeout: 60_000 };

/**
 * The coordinators' console and the members' account page are pages of their own
 * (`/coordinate/`, `/account/`): a coordinator signs in and gets the territories they coordinate
 * (and those below) in the picker; a rider is told the console is not for them.
 */
describe('the console and account pages', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  it('signs a coordinator in to their territories; a rider is turned away', async () => {
    const town = await fixtures.aTerritory({ name: 'Harbour town', centre: [24.9, 60.2], half: 0.1 });
    await fixtures.aTerritory({ name: 'Elsewhere', centre: [26, 61], half: 0.1 });
    const cora = await fixtures.aMember('coordinator', { name: 'Cora', coordinates: [town] });
    const rider = await fixtures.aMember('rider');

    const context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${stack.baseUrl}/coordinate/`);
    await page.getByTestId('login-email').fill(cora.email);
    await page.getByTestId('login-password').fill(cora.password);
    await page.getByTestId('login-submit').click();
    await page.locator('body[data-state=ready]').waitFor(WAIT);
    const options = await page.getByTestId('territory-picker').locator('option').allTextContents();
    expect(options).toEqual(['Harbour town']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await keepScreenshot(page, 'console-shell-desktop');

    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').fill(rider.email);
    await page.getByTestId('login-password').fill(rider.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('not-coordinator').waitFor(WAIT);
    expect(await page.getByTestId('territory-picker').count()).toBe(0);

    await page.goto(`${stack.baseUrl}/account/`);
    await page.getByTestId('login-email').fill(rider.email);
    await page.getByTestId('login-password').fill(rider.password);
    await page.getByTestId('login-submit').click();
    await page.locator('body[data-state=ready]').waitFor(WAIT);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
