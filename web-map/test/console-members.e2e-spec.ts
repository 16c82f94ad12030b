import type { LoginResponse, MemberView } from '@navette/contracts';
import type { Browser } from 'playwright-core';
import type { Fixtures } from '../../api/test/fixtures.js';
import { client, login, type Stack } from '../../api/test/stack.js';
import { openBrowserHarness, type BrowserHarness } from './browser-harness.js';
import { openConsole, WAIT } from './console-harness.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS, type ViewportName } from './page-checks.js';

const PASSWORD = 'a long walk by the harbour at dawn';

/**
 * Members in the console (`#members`): a coordinator creates an invitation link; the newcomer joins
 * with it (through the API: the join page is the account page's) and asks to drive; the coordinator
 * approves the request and the member's new role shows in the list; a role change needs a reason.
 */
describe('the console: members', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;
  let harness: BrowserHarness | undefined;
  let cora: { id: string; email: string; password: string };
  let town: string;

  beforeAll(async () => {
    harness = await openBrowserHarness({ dispatcher: false });
    ({ stack, fixtures, browser } = harness);
    town = await fixtures.aTerritory({
      centre: [24.95, 60.18],
      half: 0.1,
      level: 'town',
      name: 'Harbour town',
    });
    cora = await fixtures.aMember('coordinator', { name: 'Cora', coordinates: [town] });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'invites a newcomer, approves their request to drive, the role shows; decides registrations (%s)',
    async (viewport) => {
      const { context, page, errors } = await openConsole(
        browser,
        stack.baseUrl,
        viewport,
        cora,
        'Harbour town',
        'members',
      );
      const section = page.getByTestId('section-members');
      await page.locator('[data-testid=section-members][data-state=ready]').waitFor(WAIT);
      expect(await section.getByTestId('members-drive-requests').textContent()).toMatch(
        /No request to drive/,
      );
      expect(await seriousAxeViolations(page)).toEqual([]);

      await section.getByTestId('members-invite').click();
      const link = section.getByTestId('members-link');
      await link.waitFor(WAIT);
      const url = new URL(await link.inputValue());
      expect(url.origin).toBe(new URL(stack.baseUrl).origin);
      expect(url.pathname).toBe('/account/');
      expect(await section.getByTestId('members-link-expiry').textContent()).toMatch(/Works once, until/);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-members-invited-${viewport}`);

      // The newcomer takes the link (the account page does this in the browser), then asks to drive.
      const name = `Newcomer ${viewport}`;
      const joined = await client(stack.baseUrl).post<LoginResponse>('/api/auth/join', {
        // The link is the account page's join route: /account/#join/<token>.
        token: url.hash.replace(/^#join\//, ''),
        email: `newcomer-${viewport}@example.org`,
        displayName: name,
        password: PASSWORD,
      });
      expect(joined.status).toBe(201);
      const newcomer = client(stack.baseUrl, joined.body.token);
      const asked = await newcomer.post('/api/me/drive-request', {
        label: 'blue Berlingo',
        seats: 3,
        wheelchairPlaces: 1,
        cargoUnits: 0,
        weeklyAvailability: [{ day: 0, from: '08:00', to: '12:00' }],
      });
      expect(asked.status).toBe(201);

      await page.reload();
      await page.locator('[data-testid=section-members][data-state=ready]').waitFor(WAIT);
      const row = section.getByTestId('member').filter({ hasText: name });
      expect(await row.getByTestId('member-role').textContent()).toBe('Rider');
      const request = section
        .getByTestId('members-drive-requests')
        .getByTestId('request')
        .filter({ hasText: name });
      expect(await request.textContent()).toMatch(/blue Berlingo: 3 seats, 1 wheelchair places/);
      expect(await request.textContent()).toMatch(/Mon 08:00–12:00/);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-members-request-${viewport}`);

      await request.getByTestId('request-approve').click();
      await section
        .getByTestId('members-status')
        .filter({ hasText: `Approved: ${name}` })
        .waitFor(WAIT);
      await row.getByTestId('member-role').filter({ hasText: 'Driver' }).waitFor(WAIT);
      expect(await section.getByTestId('members-drive-requests').textContent()).toMatch(
        /No request to drive/,
      );
      const http = client(stack.baseUrl, (await login(stack.baseUrl, cora.email, cora.password)).token);
      const members = await http.get<MemberView[]>(`/api/territories/${town}/members`);
      expect(members.body.find((m) => m.displayName === name)?.role).toBe('driver');

      // Making them a coordinator needs a reason, which the audit log keeps.
      await row.getByTestId('role-grant-coordinator').click();
      expect(await section.getByTestId('members-error').textContent()).toMatch(/reason/);
      await section.getByTestId('members-reason').fill('Runs the Tuesday rota');
      await row.getByTestId('role-grant-coordinator').click();
      await row
        .getByTestId('member-role')
        .filter({ hasText: 'Coordinator · coordinates this territory' })
        .waitFor(WAIT);
      const logged = await fixtures.db.query<{ reason: string }>(
        `SELECT reason FROM moderation_decisions WHERE subject_id = $1 AND decision = 'grant-role' AND role = 'coordinator'`,
        [joined.body.member.id],
      );
      expect(logged.rows.map((r) => r.reason)).toEqual(['Runs the Tuesday rota']);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-members-roles-${viewport}`);

      // Open registration: someone asks to join; refusing needs a reason, approving makes a rider.
      await section.getByTestId('members-open-registration').check();
      await section.getByTestId('members-status').filter({ hasText: 'Registration is open.' }).waitFor(WAIT);
      const asks = (who: string) =>
        client(stack.baseUrl).post('/api/auth/register', {
          territoryId: town,
          email: `${who.toLowerCase()}-${viewport}@example.org`,
          displayName: `${who} ${viewport}`,
          password: PASSWORD,
        });
      expect((await asks('Rhea')).status).toBe(202);
      expect((await asks('Sam')).status).toBe(202);
      await page.reload();
      await page.locator('[data-testid=section-members][data-state=ready]').waitFor(WAIT);
      expect(await section.getByTestId('members-open-registration').isChecked()).toBe(true);
      const joining = section.getByTestId('members-registrations').getByTestId('request');
      await joining
        .filter({ hasText: `Sam ${viewport}` })
        .getByTestId('request-refuse')
        .click();
      // The server refuses it (a reason is required to refuse): no refusal without one.
      await section
        .getByTestId('members-error')
        .filter({ hasText: /reason/ })
        .waitFor(WAIT);
      await joining
        .filter({ hasText: `Sam ${viewport}` })
        .getByTestId('request-reason')
        .fill('Lives far from here');
      await joining
        .filter({ hasText: `Sam ${viewport}` })
        .getByTestId('request-refuse')
        .click();
      await section
        .getByTestId('members-status')
        .filter({ hasText: `Refused: Sam ${viewport}` })
        .waitFor(WAIT);
      await joining
        .filter({ hasText: `Rhea ${viewport}` })
        .getByTestId('request-approve')
        .click();
      await section
        .getByTestId('member')
        .filter({ hasText: `Rhea ${viewport}` })
        .getByTestId('member-role')
        .filter({ hasText: 'Rider' })
        .waitFor(WAIT);
      expect(await joining.count()).toBe(0);
      await section.getByTestId('members-open-registration').uncheck();
      await section
        .getByTestId('members-status')
        .filter({ hasText: 'Registration is closed.' })
        .waitFor(WAIT);
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );
});
