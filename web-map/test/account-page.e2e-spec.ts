import type { DriveRequestView, LoginResponse, MembershipLinkView, VouchCodeView } from '@navette/contracts';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { aPerson } from '../../api/test/community-fixtures.js';
import { Fixtures } from '../../api/test/fixtures.js';
import { client, login, startStack, type Stack } from '../../api/test/stack.js';
import { RideFixtures } from '../../api/test/territory-fixtures.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS, type ViewportName } from './page-checks.js';

const WAIT = { timeout: 60_000 };
/** A password zxcvbn scores 4: long, no dictionary run. */
const STRONG = 'amber kettle drifts sideways';
const STRONGER = 'quiet lantern orbits gravel';

/**
 * The members' account page (`/account/`, issue 10, ADR 0026), at a phone's size and a laptop's:
 * joining by invitation and asking to drive, vouching by code, a decision and its appeal, a
 * password change ending the other session, leaving, and the routes that need no sign-in. Every
 * state is checked with axe-core and kept as a screenshot; a page error or CSP refusal fails it.
 */
describe.each(Object.keys(VIEWPORTS) as ViewportName[])('the account page on a %s', (size) => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;
  let town: string;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack({ dispatcher: false, rateLimits: { loginPerMinute: 60 } });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ name: 'Harbour town', centre: [24.9, 60.2], half: 0.1 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  /** A fresh browser (its own session storage), English, at this viewport, watched for errors. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'UTC',
      viewport: VIEWPORTS[size],
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    return page;
  }

  /** axe-core finds nothing serious, and the state is kept as a screenshot. */
  async function checked(page: Page, name: string): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
    await keepScreenshot(page, `account-${name}-${size}`);
  }

  async function signIn(page: Page, email: string, password: string, hash = ''): Promise<void> {
    await page.goto(`${stack.baseUrl}/account/${hash}`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.locator('section:visible').first().waitFor(WAIT);
  }

  const text = async (page: Page, testid: string) => (await page.getByTestId(testid).innerText()).trim();

  it('a newcomer opens an invitation, joins, asks to drive and sees the coordinator’s approval', async () => {
    const cora = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const invitation = await cora.http.post<MembershipLinkView>('/api/invitations', { territoryId: town });
    const page = await newPage();
    await page.goto(`${stack.baseUrl}${invitation.body.path}`);
    await page.getByTestId('newcomer-form').waitFor(WAIT);
    // The token is read once, then gone from the address bar.
    expect(page.url()).toBe(`${stack.baseUrl}/account/#join`);
    await checked(page, 'join');

    const email = `newcomer-${size}@example.org`;
    await page.getByTestId('newcomer-name').fill(`Nina ${size}`);
    await page.getByTestId('newcomer-email').fill(email);
    await page.getByTestId('newcomer-password').fill('password123');
    await page.getByTestId('newcomer-submit').click();
    await page.getByText('This password is too easy to guess').waitFor(WAIT);
    await checked(page, 'join-weak-password');
    await page.getByTestId('newcomer-password').fill(STRONG);
    await page.getByTestId('newcomer-submit').click();

    await page.getByTestId('welcome').waitFor(WAIT);
    await page.getByTestId('section-drive').waitFor(WAIT);
    expect(await text(page, 'whoami')).toContain(`Nina ${size}`);
    expect(await text(page, 'drive-requests')).toBe('You have not asked to drive yet.');
    await page.getByTestId('drive-label').fill('blue Berlingo');
    await page.getByTestId('drive-seats').fill('3');
    await page.getByTestId('drive-wheelchairPlaces').fill('1');
    await page.getByTestId('add-slot').click();
    await page.getByTestId('slot-day').nth(1).selectOption({ label: 'Saturday' });
    await page.getByTestId('slot-from').nth(1).fill('14:00');
    await page.getByTestId('slot-to').nth(1).fill('18:30');
    await checked(page, 'drive-form');
    await page.getByTestId('drive-submit').click();
    await page.getByText('Waiting for a coordinator').waitFor(WAIT);
    expect(await text(page, 'drive-requests')).toMatch(
      /blue Berlingo: seats 3, wheelchair places 1, cargo 0/,
    );
    expect(await text(page, 'drive-requests')).toMatch(/Monday 09:00–12:00, Saturday 14:00–18:30/);
    expect(await page.getByTestId('drive-form').isHidden()).toBe(true);
    await checked(page, 'drive-pending');

    // The coordinator approves (their page is another engineer's: through the API here).
    const pending = await cora.http.get<DriveRequestView[]>(`/api/territories/${town}/drive-requests`);
    const request = pending.body.find((r) => r.label === 'blue Berlingo' && r.memberName === `Nina ${size}`)!;
    await cora.http.post(`/api/drive-requests/${request.id}/decision`, { approve: true });
    await page.getByTestId('nav-trust').click();
    await page.getByTestId('nav-drive').click();
    await page.getByTestId('drive-status').getByText('Approved').waitFor(WAIT);
    expect(await page.getByTestId('drive-already').isVisible()).toBe(true);
    await checked(page, 'drive-approved');
    expect((await login(stack.baseUrl, email, STRONG)).member.role).toBe('driver');
  }, 180_000);

  it('a member vouches for another by the link they shared, then withdraws', async () => {
    const ann = await fixtures.aMember('rider', { name: `Ann ${size}` });
    const bo = await fixtures.aMember('rider', { name: `Bo ${size}` });
    const annHttp = client(stack.baseUrl, (await login(stack.baseUrl, ann.email, ann.password)).token);
    const code = (await annHttp.get<VouchCodeView>('/api/me/vouch-code')).body;

    const annPage = await newPage();
    await signIn(annPage, ann.email, ann.password);
    await annPage.getByTestId('my-vouch-code').getByText(code.code).waitFor(WAIT);
    expect(await annPage.getByTestId('my-vouch-link').inputValue()).toBe(`${stack.baseUrl}${code.path}`);
    await checked(annPage, 'trust-my-code');
    // Ann has no territory yet: she cannot invite, and is told why.
    await annPage.getByTestId('invite').click();
    await annPage.getByTestId('invitation-error').getByText('You belong to no territory yet').waitFor(WAIT);
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [ann.id, town]);
    await annPage.getByTestId('invite').click();
    await annPage.getByTestId('invitation-made').waitFor(WAIT);
    expect(await annPage.getByTestId('invitation-link').inputValue()).toMatch(
      new RegExp(`^${stack.baseUrl}/account/#join/[A-Za-z0-9_-]{43}$`),
    );
    await checked(annPage, 'trust-invited');

    const page = await newPage();
    await signIn(page, bo.email, bo.password);
    await page.goto(`${stack.baseUrl}${code.path}`);
    await page.getByText('A member sent you their code').waitFor(WAIT);
    expect(await page.getByTestId('vouch-code-input').inputValue()).toBe(code.code);
    await page.getByTestId('vouch-submit').click();
    await page.getByText(`You now vouch for Ann ${size}.`).waitFor(WAIT);
    expect(await text(page, 'vouches-given')).toMatch(new RegExp(`Ann ${size}`));
    await checked(page, 'trust-vouched');

    await page.getByTestId('vouch-code-input').fill('ZZZZZ-ZZZZZ');
    await page.getByTestId('vouch-submit').click();
    await page.getByText('No member has this code').waitFor(WAIT);

    await page.getByRole('button', { name: `Withdraw my vouch for Ann ${size}` }).click();
    await page.getByText(`You no longer vouch for Ann ${size}.`).waitFor(WAIT);
    expect(await text(page, 'vouches-given')).toBe('You vouch for nobody yet.');
    await checked(page, 'trust-withdrawn');
    await annPage.reload();
    await annPage.getByTestId('vouches-received').getByText('Nobody vouches for you yet.').waitFor(WAIT);
  }, 180_000);

  it('a suspended member reads the decision and its reason, the pair block, and appeals', async () => {
    const cora = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const sam = await fixtures.aMember('rider', { name: `Sam ${size}` });
    const other = await fixtures.aMember('rider', { name: `Olli ${size}` });
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [sam.id, town]);
    const report = await fixtures.db.query<{ id: string }>(
      `INSERT INTO abuse_reports (territory_id, subject_id, reporter_id, kind, text) VALUES ($1, $2, $3, 'other', 'rude') RETURNING id`,
      [town, sam.id, other.id],
    );
    const reason = 'Three riders reported shouting at them this month';
    const decided = await cora.http.post(`/api/moderation/reports/${report.rows[0]!.id}/decision`, {
      decision: 'suspend',
      reason,
    });
    expect(decided.status).toBe(200);
    await fixtures.db.query(
      `INSERT INTO pair_blocks (member_id, counterpart_id, reason, territory_id) VALUES ($1, $2, 'two failures in a row', $3)`,
      [sam.id, other.id, town],
    );

    const page = await newPage();
    await signIn(page, sam.email, sam.password, '#decisions');
    await page.getByTestId('decision-kind').getByText('Suspended').waitFor(WAIT);
    expect(await text(page, 'decision-reason')).toBe(`Reason: ${reason}`);
    expect(await text(page, 'pair-blocks')).toMatch(
      new RegExp(`You and Olli ${size}: your last two trips with them went wrong on your side`),
    );
    await checked(page, 'decisions');
    await page.getByTestId('appeal-open').click();
    await page
      .getByTestId('appeal-text')
      .fill('I raised my voice once, over the engine noise; I apologised.');
    await checked(page, 'decisions-appeal-form');
    await page.getByTestId('appeal-submit').click();
    await page
      .getByTestId('appeal-state')
      .getByText('Appealed: waiting for a coordinator’s answer')
      .waitFor(WAIT);
    await checked(page, 'decisions-appealed');
    // In French, the same page says it all in French.
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('decision-kind').getByText('Suspension').waitFor(WAIT);
    expect(await text(page, 'appeal-state')).toBe(
      'Appel en cours : en attente de la réponse d’un·e coordinateur·rice',
    );
    expect(await page.getByTestId('nav-decisions').innerText()).toBe('Décisions');
    // What the page said before the change of language is said again in French.
    expect(await text(page, 'appeal-done')).toBe('Votre appel est envoyé. La réponse s’affichera ici.');
    await checked(page, 'decisions-fr');
    await page.getByTestId('lang-toggle').click();
    const appeals = await fixtures.db.query(`SELECT text FROM appeals WHERE member_id = $1`, [sam.id]);
    expect(appeals.rows).toEqual([{ text: 'I raised my voice once, over the engine noise; I apologised.' }]);
  }, 180_000);

  it('changing the password signs the member out of their other session; this one goes on', async () => {
    const kim = await fixtures.aMember('rider', { name: `Kim ${size}` });
    const elsewhere = await newPage();
    await signIn(elsewhere, kim.email, kim.password);
    const page = await newPage();
    await signIn(page, kim.email, kim.password, '#security');
    await page.getByTestId('password-form').waitFor(WAIT);
    await checked(page, 'security');
    await page.getByTestId('current-password').fill('not my password');
    await page.getByTestId('new-password').fill(STRONGER);
    await page.getByTestId('password-submit').click();
    await page.getByText('This is not your current password.').waitFor(WAIT);
    await page.getByTestId('current-password').fill(kim.password);
    await page.getByTestId('password-submit').click();
    await page.getByText('You are signed out everywhere else.').waitFor(WAIT);
    await checked(page, 'security-changed');

    // The other browser's token is refused at its next call; this one's new token works.
    await elsewhere.getByTestId('nav-limits').click();
    await elsewhere.getByTestId('session-ended').waitFor(WAIT);
    expect(await text(elsewhere, 'session-ended')).toMatch(/^You were signed out/);
    expect(await elsewhere.getByTestId('login-form').isVisible()).toBe(true);
    await checked(elsewhere, 'session-ended');
    await page.getByTestId('nav-limits').click();
    await page.getByTestId('limits-form').waitFor(WAIT);
    await page.getByTestId('limit-distance').selectOption('2');
    await page.getByTestId('limit-trips').fill('4');
    await page.getByTestId('quiet-from').fill('22:00');
    await page.getByTestId('quiet-to').fill('00:00');
    // Suggestions of where to wait are on until the member turns them off (ADR 0034).
    expect(await page.getByTestId('limit-waiting-spots').isChecked()).toBe(true);
    await page.getByTestId('limit-waiting-spots').uncheck();
    await page.getByTestId('limits-save').click();
    await page.getByText('Your limits are saved.').waitFor(WAIT);
    await checked(page, 'limits');
    const token = await page.evaluate(
      () => (JSON.parse(sessionStorage.getItem('navette.account.session') ?? '{}') as LoginResponse).token,
    );
    const settings = await client(stack.baseUrl, token).get('/api/me/settings');
    expect(settings.body).toEqual({
      maxTrustDistance: 2,
      weeklyTripLimit: 4,
      declaredHoursPerWeek: 0,
      quietHours: [1320, 1440],
      waitingSpotSuggestions: false,
    });
    await page.getByTestId('nav-time-bank').click();
    await page.getByTestId('bank-hours-given').getByText('0 h').waitFor(WAIT);
    await checked(page, 'time-bank');
  }, 180_000);

  it('a driver reads their time bank for the period they choose, as the API counts it', async () => {
    const dana = await fixtures.aDriver({ name: `Dana ${size}` });
    const rider = await fixtures.aMember('rider');
    // A 45-minute ride on 1 March 2025, in Harbour town.
    await new RideFixtures(fixtures.db).aCompletedTrip(dana, town, [
      {
        riderId: rider.id,
        pickedUpAt: new Date('2025-03-01T10:00:00Z'),
        completedAt: new Date('2025-03-01T10:45:00Z'),
      },
    ]);
    const page = await newPage();
    await signIn(page, dana.email, dana.password, '#time-bank');
    await page.getByTestId('bank-from').fill('2025-03-01');
    await page.getByTestId('bank-to').fill('2025-03-31');
    await page.getByTestId('bank-show').click();
    await page.getByTestId('bank-trips-given').getByText('1').waitFor(WAIT);
    const http = client(stack.baseUrl, (await login(stack.baseUrl, dana.email, dana.password)).token);
    const api = await http.get<{ hoursGiven: number; tripsGiven: number }>(
      '/api/me/time-bank?from=2025-03-01T00:00:00.000Z&to=2025-04-01T00:00:00.000Z',
    );
    expect(api.body).toMatchObject({ hoursGiven: 0.75, tripsGiven: 1 });
    expect(await text(page, 'bank-hours-given')).toBe('0.8 h');
    expect(await text(page, 'bank-rides-received')).toBe('0');
    await checked(page, 'time-bank-march');

    await page.getByTestId('bank-from').fill('2025-03-02');
    await page.getByTestId('bank-show').click();
    await page.getByTestId('bank-trips-given').getByText('0').waitFor(WAIT);
    expect(await text(page, 'bank-hours-given')).toBe('0 h');
  }, 180_000);

  it('a member leaves the community after confirming; the account is gone', async () => {
    const lea = await fixtures.aMember('rider', { name: `Lea ${size}` });
    const page = await newPage();
    await signIn(page, lea.email, lea.password, '#security');
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByTestId('download-data').click(),
    ]);
    expect(download.suggestedFilename()).toBe('navette-my-data.json');
    const copy = JSON.parse(readFileSync(await download.path(), 'utf8')) as { profile: { id: string } };
    expect(copy.profile.id).toBe(lea.id);
    await page.getByTestId('leave-password').fill(lea.password);
    await page.getByTestId('leave-submit').click();
    await page.getByTestId('leave-dialog').waitFor(WAIT);
    await checked(page, 'leave-confirm');
    await page.getByTestId('leave-cancel').click();
    expect(await page.getByTestId('leave-dialog').isVisible()).toBe(false);
    await page.getByTestId('leave-submit').click();
    await page.getByTestId('leave-confirm').click();
    await page.getByTestId('left').waitFor(WAIT);
    await checked(page, 'left');
    await expect(login(stack.baseUrl, lea.email, lea.password)).rejects.toThrow(/401/);
  }, 180_000);

  it('needs no sign-in to register where a territory allows it, to reset a password, or to ask for a link', async () => {
    const cora = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    await cora.http.request('PUT', `/api/territories/${town}/registration`, { open: true });
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/account/#register/${town}`);
    await page.getByText('Ask to join Harbour town.').waitFor(WAIT);
    await checked(page, 'register');
    await page.getByTestId('newcomer-name').fill(`Rae ${size}`);
    await page.getByTestId('newcomer-email').fill(`rae-${size}@example.org`);
    await page.getByTestId('newcomer-password').fill(STRONG);
    await page.getByTestId('newcomer-submit').click();
    await page.getByTestId('register-pending').waitFor(WAIT);
    await checked(page, 'register-pending');

    const rider = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const link = await cora.http.post<MembershipLinkView>(`/api/members/${rider.id}/reset-links`, {
      territoryId: town,
    });
    await page.goto(`${stack.baseUrl}${link.body.path}`);
    await page.getByTestId('reset-form').waitFor(WAIT);
    expect(page.url()).toBe(`${stack.baseUrl}/account/#reset`);
    await checked(page, 'reset');
    await page.getByTestId('reset-password').fill(STRONGER);
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-done').waitFor(WAIT);
    expect((await rider.http.get('/api/me')).status).toBe(401);
    await page.getByTestId('login-email').fill(rider.email);
    await page.getByTestId('login-password').fill(STRONGER);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('section-trust').waitFor(WAIT);

    const stranger = await newPage();
    await stranger.goto(`${stack.baseUrl}/account/`);
    await stranger.getByTestId('to-forgot').click();
    await stranger.getByTestId('forgot-email').fill('nobody@example.org');
    await stranger.getByTestId('forgot-submit').click();
    await stranger.getByText('If this email belongs to a member, a link is on its way').waitFor(WAIT);
    await checked(stranger, 'forgot');
    await stranger.getByTestId('lang-toggle').click();
    await stranger.getByRole('heading', { name: 'Mot de passe oublié ?' }).waitFor(WAIT);
    await checked(stranger, 'forgot-fr');
    await stranger.getByTestId('lang-toggle').click();
    expect(await stranger.getByRole('link', { name: 'Ask for a ride' }).getAttribute('href')).toBe('/');
    expect(await stranger.getByRole('link', { name: 'Driver app' }).getAttribute('href')).toBe('/driver/');
  }, 180_000);
});
