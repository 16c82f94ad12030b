import type { MemberView } from '@navette/contracts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { aDrivenRide } from '../../api/test/community-fixtures.js';
import { Fixtures } from '../../api/test/fixtures.js';
import { client, login, startStack, type Stack } from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import {
  keepScreenshot,
  pageFaults,
  seriousAxeViolations,
  VIEWPORTS,
  type ViewportName,
} from './page-checks.js';

const WAIT = { timeout: 60_000 };
/** A password the strength check accepts. */
const STRONG = 'amber kettle drifts sideways';
type Http = ReturnType<typeof client>;

/**
 * Journeys across pages (issue 10): the console (`/coordinate/`), the account page (`/account/`),
 * the rider's page (`/`) and the driver app (`/driver/`), each person in their own browser, on one
 * real API. An invitation to a driver; an automatic report to a suspension, an appeal and its
 * answer; two rides rated badly on the rider's page to a pair block both sides of the rule can see.
 * Every state: no serious axe violation, a screenshot; a page error or CSP refusal fails the journey.
 */
describe.each(Object.keys(VIEWPORTS) as ViewportName[])('community journeys on a %s', (size) => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Every page a journey opened, with its faults (page errors, CSP refusals): none allowed. */
  const pages: { page: Page; seen: string[] }[] = [];
  /** Each journey in its own territory, away from the others. */
  let nextLng = size === 'phone' ? 24.2 : 25.2;

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack({ dispatcher: false, rateLimits: { loginPerMinute: 60 } });
    fixtures = Fixtures.open(stack.databaseUrl);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterEach(() => {
    for (const { seen } of pages.splice(0)) expect(seen).toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  /** A fresh browser (its own storage), English, UTC, at this size; its faults fail the journey. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'UTC',
      viewport: VIEWPORTS[size],
    });
    contexts.push(context);
    const page = await context.newPage();
    pages.push({ page, seen: pageFaults(page) });
    return page;
  }

  async function checked(page: Page, name: string): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
    await keepScreenshot(page, `community-${name}-${size}`);
  }

  async function aTown(name: string): Promise<string> {
    const lng = nextLng;
    nextLng += 0.3;
    return fixtures.aTerritory({ name, centre: [lng, 60.18], half: 0.1 });
  }

  async function member(role: 'rider' | 'coordinator', name: string, coordinates: string[] = []) {
    const m = await fixtures.aMember(role, { name, coordinates });
    const http: Http = client(stack.baseUrl, (await login(stack.baseUrl, m.email, m.password)).token);
    return { ...m, name, http };
  }

  async function driver(name: string, town: string) {
    const d = await fixtures.aDriver({ name });
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [d.id, town]);
    return { ...d, name };
  }

  /** The console signed in as `who`, at `section`; with `territory`, chosen in the picker. */
  async function consoleAt(
    who: { email: string; password: string },
    section: string,
    territory?: string,
  ): Promise<Page> {
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/coordinate/#${section}`);
    await page.getByTestId('login-email').fill(who.email);
    await page.getByTestId('login-password').fill(who.password);
    await page.getByTestId('login-submit').click();
    await page.locator('body[data-state=ready]').waitFor(WAIT);
    if (territory) {
      await page.getByTestId('territory-picker').selectOption({ label: territory });
      await page.getByTestId(`section-${section}`).waitFor(WAIT);
    }
    return page;
  }

  async function signInOn(page: Page, path: string, who: { email: string; password: string }) {
    await page.goto(`${stack.baseUrl}${path}`);
    await page.getByTestId('login-email').fill(who.email);
    await page.getByTestId('login-password').fill(who.password);
    await page.getByTestId('login-submit').click();
  }

  const text = async (page: Page, testid: string) => (await page.getByTestId(testid).innerText()).trim();

  it('a coordinator invites a newcomer in the console; they join on the account page, ask to drive, are approved and drive', async () => {
    const townName = `Harbour town ${size}`;
    const town = await aTown(townName);
    const cora = await member('coordinator', `Cora ${size}`, [town]);

    // The console: Members, an invitation link.
    const coord = await consoleAt(cora, 'members', townName);
    const members = coord.getByTestId('section-members');
    await coord.locator('[data-testid=section-members][data-state=ready]').waitFor(WAIT);
    await members.getByTestId('members-invite').click();
    const link = members.getByTestId('members-link');
    await link.waitFor(WAIT);
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${stack.baseUrl}/account/#join/[A-Za-z0-9_-]+$`));
    await checked(coord, 'invite-link');

    // The newcomer, in their own browser, opens the link and joins.
    const newcomer = await newPage();
    await newcomer.goto(url);
    await newcomer.getByTestId('newcomer-form').waitFor(WAIT);
    await checked(newcomer, 'invite-join');
    const name = `Nina ${size}`;
    const email = `nina-${size}@example.org`;
    await newcomer.getByTestId('newcomer-name').fill(name);
    await newcomer.getByTestId('newcomer-email').fill(email);
    await newcomer.getByTestId('newcomer-password').fill(STRONG);
    await newcomer.getByTestId('newcomer-submit').click();
    await newcomer.getByTestId('welcome').waitFor(WAIT);
    expect(await text(newcomer, 'whoami')).toContain(name);

    // …and asks to drive.
    await newcomer.getByTestId('section-drive').waitFor(WAIT);
    await newcomer.getByTestId('drive-label').fill('green Kangoo');
    await newcomer.getByTestId('drive-seats').fill('4');
    await newcomer.getByTestId('drive-submit').click();
    await newcomer.getByText('Waiting for a coordinator').waitFor(WAIT);
    await checked(newcomer, 'invite-asked');

    // The coordinator sees the newcomer as a rider with a request, and approves it.
    await coord.reload();
    await coord.locator('[data-testid=section-members][data-state=ready]').waitFor(WAIT);
    const row = members.getByTestId('member').filter({ hasText: name });
    expect(await row.getByTestId('member-role').textContent()).toBe('Rider');
    const request = members
      .getByTestId('members-drive-requests')
      .getByTestId('request')
      .filter({ hasText: name });
    expect(await request.textContent()).toMatch(/green Kangoo: 4 seats/);
    await checked(coord, 'invite-request');
    await request.getByTestId('request-approve').click();
    await members
      .getByTestId('members-status')
      .filter({ hasText: `Approved: ${name}` })
      .waitFor(WAIT);
    await row.getByTestId('member-role').filter({ hasText: 'Driver' }).waitFor(WAIT);
    await checked(coord, 'invite-approved');
    const listed = await cora.http.get<MemberView[]>(`/api/territories/${town}/members`);
    expect(listed.body.find((m) => m.displayName === name)?.role).toBe('driver');

    // The newcomer reads the approval, then signs in to the driver app, which lets them start a shift.
    await newcomer.getByTestId('nav-trust').click();
    await newcomer.getByTestId('nav-drive').click();
    await newcomer.getByTestId('drive-status').getByText('Approved').waitFor(WAIT);
    await checked(newcomer, 'invite-driver-approved');
    const driverApp = await newPage();
    await signInOn(driverApp, '/driver/', { email, password: STRONG });
    // The driver app refuses riders; Nina, now a driver, may start a shift.
    await driverApp.getByTestId('shift-start').waitFor(WAIT);
    await driverApp.getByText(`Signed in as ${name}`).waitFor(WAIT);
    await checked(driverApp, 'invite-driver-app');
  }, 240_000);

  it('an automatic report is reviewed and the member suspended; they read the reason and appeal; the coordinator answers; they read the answer', async () => {
    const town = await aTown(`Riverside ${size}`);
    const cora = await member('coordinator', `Kim ${size}`, [town]);
    const dana = await driver(`Dana ${size}`, town);
    // Three different people say a trip with Dana went badly: the report is raised automatically.
    for (const who of ['Rita', 'Ron', 'Rob']) {
      const rider = await member('rider', `${who} ${size}`);
      const { rideId } = await aDrivenRide(fixtures, { riderId: rider.id, driver: dana, territoryId: town });
      expect((await rider.http.post(`/api/rides/${rideId}/outcome`, { success: false })).status).toBe(201);
    }

    const coord = await consoleAt(cora, 'reviews');
    const items = coord.getByTestId('report-item');
    await items.first().waitFor(WAIT);
    expect(await items.first().textContent()).toMatch(
      new RegExp(`^Repeated failed trips about Dana ${size}raised automatically`),
    );
    await items.first().click();
    const details = coord.getByTestId('report-details');
    await details.getByTestId('report-origin').waitFor(WAIT);
    expect(await details.getByTestId('report-origin').textContent()).toContain('Raised automatically');
    await checked(coord, 'review-evidence');
    const reason = 'Three riders said their trips went badly this week';
    await details.getByTestId('decision-suspend').check();
    await details.getByTestId('decide-reason').fill(reason);
    await details.getByTestId('decide-submit').click();
    await details.getByText('Decision recorded: Suspended.').waitFor(WAIT);
    await checked(coord, 'review-suspended');

    // Dana, on her account page: the decision, its reason; she appeals.
    const own = await newPage();
    await signInOn(own, '/account/#decisions', dana);
    const decision = own.getByTestId('decision').filter({ hasText: 'Suspended' });
    await decision.waitFor(WAIT);
    expect(await decision.getByTestId('decision-reason').innerText()).toBe(`Reason: ${reason}`);
    await checked(own, 'review-decision');
    await decision.getByTestId('appeal-open').click();
    const appeal = 'Two of those trips were a flat tyre on the ring road';
    await own.getByTestId('appeal-text').fill(appeal);
    await own.getByTestId('appeal-submit').click();
    await decision
      .getByTestId('appeal-state')
      .getByText('Appealed: waiting for a coordinator’s answer')
      .waitFor(WAIT);
    await checked(own, 'review-appealed');

    // The coordinator reads the appeal in the console and overturns the decision.
    await details.getByTestId('report-close').click();
    await coord.getByTestId('reviews-filter').selectOption('appealed');
    await coord.getByText('appeal waiting').waitFor(WAIT);
    await items.first().click();
    await details.getByTestId('appeal-text').waitFor(WAIT);
    expect(await details.getByTestId('appeal-text').textContent()).toContain(appeal);
    await checked(coord, 'review-appeal');
    await details.getByTestId('resolve-overturned').check();
    await details.getByTestId('resolve-reason').fill('The garage confirmed the flat tyre');
    await details.getByTestId('resolve-submit').click();
    await details.getByText('Appeal answered: decision overturned.').waitFor(WAIT);
    await checked(coord, 'review-answered');

    // Dana reads the answer.
    await own.reload();
    await own
      .getByTestId('decision')
      .filter({ hasText: 'Suspended' })
      .getByTestId('appeal-state')
      .getByText('Appeal answered: the decision was overturned')
      .waitFor(WAIT);
    // The restoration that followed is in her favour: nothing to appeal there.
    const restored = own.getByTestId('decision').filter({ hasText: 'Restored' });
    expect(await restored.getByTestId('decision-reason').innerText()).toBe(
      'Reason: The garage confirmed the flat tyre',
    );
    expect(await restored.getByTestId('appeal-open').count()).toBe(0);
    await checked(own, 'review-answer-read');
  }, 240_000);

  it('a rider says two rides with the same driver went badly on the rider page; the pair is blocked, on the account page and in the console', async () => {
    const town = await aTown(`Hillside ${size}`);
    const cora = await member('coordinator', `Lea ${size}`, [town]);
    const dale = await driver(`Dale ${size}`, town);
    const rosa = await member('rider', `Rosa ${size}`);

    const riderPage = await newPage();
    for (const n of [1, 2]) {
      // A ride under way with Dale (driven by fixture, as the other journeys do): the page follows it…
      const { rideId } = await aDrivenRide(fixtures, { riderId: rosa.id, driver: dale, territoryId: town });
      await fixtures.db.query(`UPDATE rides SET status = 'picked_up', completed_at = NULL WHERE id = $1`, [
        rideId,
      ]);
      if (n === 1) {
        await signInOn(riderPage, '/', rosa);
        await riderPage.getByTestId('login-form').waitFor({ state: 'detached', ...WAIT });
      } else await riderPage.reload();
      await riderPage.locator('[data-testid=ride-status][data-status=picked_up]').waitFor(WAIT);
      // …Dale drops her off, and she comes back to the page: "did it go well?" No.
      await fixtures.db.query(`UPDATE rides SET status = 'completed', completed_at = now() WHERE id = $1`, [
        rideId,
      ]);
      await riderPage.reload();
      await riderPage.locator('[data-testid=ride-status][data-status=completed]').waitFor(WAIT);
      await riderPage.getByTestId('outcome-no').waitFor(WAIT);
      expect(await riderPage.locator('#outcome-question').innerText()).toContain(`Dale ${size}`);
      await checked(riderPage, `pair-ride-${n}`);
      await riderPage.getByTestId('outcome-no').click();
      await riderPage.getByTestId('outcome-thanks').waitFor(WAIT);
      await checked(riderPage, `pair-answered-${n}`);
      const blocks = await fixtures.db.query(
        `SELECT member_id, counterpart_id FROM pair_blocks WHERE cleared_at IS NULL AND (member_id = $1 OR counterpart_id = $1)`,
        [rosa.id],
      );
      // One failure is forgiven; the second in a row blocks the pair (tit for two tats).
      expect(blocks.rows).toEqual(n === 1 ? [] : [{ member_id: dale.id, counterpart_id: rosa.id }]);
    }

    // Rosa's account page, Decisions: the block, in words.
    const own = await newPage();
    await signInOn(own, '/account/#decisions', rosa);
    await own.getByTestId('pair-blocks').getByText(`You and Dale ${size}`).waitFor(WAIT);
    expect(await text(own, 'pair-blocks')).toContain(
      `You and Dale ${size}: their last two trips with you went wrong on their side`,
    );
    await checked(own, 'pair-account');

    // The console's Reviews: the same block.
    const coord = await consoleAt(cora, 'reviews');
    const block = coord.getByTestId('pair-block');
    await block.first().waitFor(WAIT);
    expect(await block.count()).toBe(1);
    expect(await block.first().textContent()).toContain(`Dale ${size} and Rosa ${size}, since`);
    await checked(coord, 'pair-console');
  }, 240_000);
});
