import type { Browser, Page } from 'playwright-core';
import { VIEWPORTS, type ViewportName } from './page-checks.js';

const WAIT = { timeout: 60_000 };

/**
 * A fresh English page at one of the journey sizes, collecting what must fail a journey: page
 * errors and content-security-policy refusals (`errors` must stay empty).
 */
export async function watchedPage(
  browser: Browser,
  viewport: ViewportName,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORTS[viewport] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return { page, errors };
}

/** The coordinators' console at `section` (`live`, `reviews`…), signed in as `who`, once ready. */
export async function signedInConsole(
  browser: Browser,
  baseUrl: string,
  viewport: ViewportName,
  who: { email: string; password: string },
  section: string,
): Promise<{ page: Page; errors: string[] }> {
  const watched = await watchedPage(browser, viewport);
  const { page } = watched;
  await page.goto(`${baseUrl}/coordinate/#${section}`);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.locator('body[data-state=ready]').waitFor(WAIT);
  return watched;
}
