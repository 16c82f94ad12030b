import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pageFaults, VIEWPORTS, type ViewportName } from './page-checks.js';

import { WAIT } from './browser-harness.js';

export { WAIT };

/** A signed-in console page and what went wrong in it (page errors, CSP violations). */
export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * Opens the console (`/coordinate/`) at a viewport, signs `who` in, chooses `territoryName` in the
 * picker and shows `section` (`#fairness`…). Page errors and CSP violations are collected.
 */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  viewport: ViewportName,
  who: { email: string; password: string },
  territoryName: string,
  section: string,
): Promise<ConsolePage> {
  const context = await browser.newContext({
    locale: 'en-GB',
    viewport: VIEWPORTS[viewport],
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors = pageFaults(page);
  await page.goto(`${baseUrl}/coordinate/#${section}`);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.locator('body[data-state=ready]').waitFor(WAIT);
  await page.getByTestId('territory-picker').selectOption({ label: territoryName });
  await page.getByTestId(`section-${section}`).waitFor(WAIT);
  return { context, page, errors };
}

/** The text of a download the page started with `click`. */
export async function downloaded(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', WAIT), click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** RFC 4180 CSV into rows of fields (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
