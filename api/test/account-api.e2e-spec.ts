import type {
  DriveRequestView,
  ErrorBody,
  LoginResponse,
  MemberSettings,
  MemberDataExport,
  MembershipLinkView,
  MyPairBlockView,
  VouchCodeView,
  VouchesView,
} from '@navette/contracts';
import { aPerson } from './community-fixtures.js';
import { Fixtures } from './fixtures.js';
import { client, startStack, type Stack } from './stack.js';

/** A password zxcvbn scores 4: long, no dictionary run. */
const STRONG = 'amber kettle drifts sideways';

/** What the members' account page reads and does beyond the membership API (ADR 0026). */
describe('the account API: vouch codes, my settings, my requests, my pair blocks, erasure of what I declared', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false, rateLimits: { loginPerMinute: 12 } });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({});
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  it('a member shares a code; another vouches with it (typed loosely) and withdraws; renewing stops the old code', async () => {
    const ann = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const bo = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const code = await ann.http.get<VouchCodeView>('/api/me/vouch-code');
    expect(code.status).toBe(200);
    expect(code.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(code.body.path).toBe(`/account/#trust/vouch/${code.body.code}`);
    // The same code until renewed.
    expect((await ann.http.get<VouchCodeView>('/api/me/vouch-code')).body).toEqual(code.body);

    const own = await ann.http.post<ErrorBody>('/api/vouches/by-code', { code: code.body.code });
    expect(own.body).toMatchObject({ statusCode: 400, field: 'code' });
    const typed = ` ${code.body.code.toLowerCase().replace('-', ' ')} `;
    const vouched = await bo.http.post<VouchesView>('/api/vouches/by-code', { code: typed });
    expect(vouched.status).toBe(200);
    expect(vouched.body.given.map((v) => v.voucheeId)).toEqual([ann.id]);
    const received = await ann.http.get<VouchesView>('/api/vouches');
    expect(received.body.received.map((v) => v.voucherId)).toEqual([bo.id]);
    const withdrawn = await bo.http.request<VouchesView>('DELETE', `/api/vouches/${ann.id}`);
    expect(withdrawn.body.given).toEqual([]);

    const renewed = await ann.http.post<VouchCodeView>('/api/me/vouch-code/renewal');
    expect(renewed.body.code).not.toBe(code.body.code);
    const old = await bo.http.post<ErrorBody>('/api/vouches/by-code', { code: code.body.code });
    const unknown = await bo.http.post<ErrorBody>('/api/vouches/by-code', { code: 'ZZZZZ-ZZZZZ' });
    const garbled = await bo.http.post<ErrorBody>('/api/vouches/by-code', { code: 'not a code' });
    expect(old.status).toBe(404);
    expect(old.body).toEqual(unknown.body);
    expect(garbled.body).toEqual(unknown.body);
    expect(old.body.field).toBe('code');
    expect((await bo.http.post<ErrorBody>('/api/vouches/by-code', {})).body.field).toBe('code');
  });

  it('trying codes is rate-limited per member', async () => {
    const guesser = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push(
        (await guesser.http.post('/api/vouches/by-code', { code: `AAAAA-AAAA${i % 10}` })).status,
      );
    expect(statuses.slice(0, 12).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
  });

  it('a member reads their limits as they set them', async () => {
    const kim = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const empty = await kim.http.get<MemberSettings>('/api/me/settings');
    expect(empty.body).toEqual({
      maxTrustDistance: null,
      weeklyTripLimit: null,
      declaredHoursPerWeek: 0,
      quietHours: null,
      waitingSpotSuggestions: true,
    });
    const set = {
      maxTrustDistance: 2,
      weeklyTripLimit: 5,
      declaredHoursPerWeek: 6,
      quietHours: [1320, 1440],
      waitingSpotSuggestions: false,
    };
    expect((await kim.http.request('PATCH', '/api/me/settings', set)).status).toBe(200);
    expect((await kim.http.get<MemberSettings>('/api/me/settings')).body).toEqual(set);
  });

  it('a member reads their requests to drive and the pair blocks that concern them, from their side', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const rita = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const dan = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    expect((await rita.http.get<DriveRequestView[]>('/api/me/drive-requests')).body).toEqual([]);
    const body = {
      label: 'red Kangoo',
      seats: 2,
      wheelchairPlaces: 0,
      cargoUnits: 1,
      weeklyAvailability: [{ day: 5, from: '09:00', to: '12:00' }],
    };
    const asked = await rita.http.post<DriveRequestView>('/api/me/drive-request', body);
    await coordinator.http.post(`/api/drive-requests/${asked.body.id}/decision`, {
      approve: false,
      reason: 'a second seat belt is missing',
    });
    const mine = await rita.http.get<DriveRequestView[]>('/api/me/drive-requests');
    expect(mine.body.map((r) => [r.status, r.reason])).toEqual([
      ['refused', 'a second seat belt is missing'],
    ]);
    expect((await dan.http.get<DriveRequestView[]>('/api/me/drive-requests')).body).toEqual([]);

    await fixtures.db.query(
      `INSERT INTO pair_blocks (member_id, counterpart_id, reason, territory_id) VALUES ($1, $2, 'two failures in a row', $3)`,
      [rita.id, dan.id, town],
    );
    const nameOf = async (person: typeof rita) =>
      (await person.http.get<{ displayName: string }>('/api/me')).body.displayName;
    const ritas = await rita.http.get<MyPairBlockView[]>('/api/me/pair-blocks');
    const dans = await dan.http.get<MyPairBlockView[]>('/api/me/pair-blocks');
    expect(ritas.body.map((b) => [b.counterpartName, b.byMe, b.reason])).toEqual([
      [await nameOf(dan), true, 'two failures in a row'],
    ]);
    expect(dans.body.map((b) => [b.counterpartName, b.byMe])).toEqual([[await nameOf(rita), false]]);
    expect((await coordinator.http.get<MyPairBlockView[]>('/api/me/pair-blocks')).body).toEqual([]);
  });

  it('leaving the community erases what the member declared to join and to drive', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    await coordinator.http.request('PUT', `/api/territories/${town}/registration`, { open: true });
    const email = 'leaving@example.org';
    const anon = client(stack.baseUrl);
    await anon.post('/api/auth/register', {
      territoryId: town,
      email,
      displayName: 'Lea Ving',
      password: STRONG,
    });
    const [pending] = (
      await fixtures.db.query<{ id: string }>(`SELECT id FROM registration_requests WHERE email = $1`, [
        email,
      ])
    ).rows;
    await coordinator.http.post(`/api/registrations/${pending!.id}/decision`, { approve: true });
    const lea = client(stack.baseUrl, (await loginAs(email)).token);
    // A later registration under the same address, still pending, is hers too.
    await fixtures.db.query(
      `INSERT INTO registration_requests (territory_id, email, display_name, password_hash) VALUES ($1, $2, 'Lea again', 'x')`,
      [town, email],
    );
    const asked = await lea.post<DriveRequestView>('/api/me/drive-request', {
      label: 'Lea’s green van',
      seats: 4,
      wheelchairPlaces: 0,
      cargoUnits: 0,
      weeklyAvailability: [{ day: 0, from: '08:00', to: '10:00' }],
    });
    expect(asked.status).toBe(201);
    const leaId = asked.body.memberId;
    const code = (await lea.get<VouchCodeView>('/api/me/vouch-code')).body.code;
    // Her copy of her data holds them (GDPR article 15), her code and no password hash.
    const copy = await lea.get<MemberDataExport>('/api/me/data');
    expect(copy.body.vouchCode).toBe(code.replace('-', ''));
    expect(copy.body.driveRequests.map((r) => [r.label, r.status])).toEqual([['Lea’s green van', 'pending']]);
    expect(copy.body.registrationRequests.map((r) => [r.displayName, r.status])).toEqual([
      ['Lea Ving', 'approved'],
      ['Lea again', 'pending'],
    ]);
    expect(JSON.stringify(copy.body)).not.toMatch(/password|hash/i);

    expect((await lea.post('/api/me/erasure', { password: STRONG })).status).toBe(200);
    const left = await fixtures.db.query(
      `SELECT (SELECT count(*) FROM registration_requests WHERE member_id = $1 OR email = $2)::int AS registrations,
              (SELECT count(*) FROM drive_requests WHERE member_id = $1)::int AS drive_requests,
              (SELECT vouch_code FROM members WHERE id = $1) AS vouch_code`,
      [leaId, email],
    );
    expect(left.rows).toEqual([{ registrations: 0, drive_requests: 0, vouch_code: null }]);
    const traces = await fixtures.db.query(
      `SELECT count(*)::int AS n FROM registration_requests WHERE display_name LIKE 'Lea%'`,
    );
    expect(traces.rows[0].n).toBe(0);
  });

  const loginAs = async (email: string) => {
    const response = await client(stack.baseUrl).post<LoginResponse>('/api/auth/login', {
      email,
      password: STRONG,
    });
    return response.body;
  };

  it('an invitation’s link opens the account page, the token in the fragment', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const link = await coordinator.http.post<MembershipLinkView>('/api/invitations', { territoryId: town });
    expect(link.body.path).toBe(`/account/#join/${link.body.token}`);
    const page = await fetch(`${stack.baseUrl}/account/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  // Last: it spends this address's link allowance, which registering and joining share.
  it('password changes, reset requests and registrations are rate-limited, known and unknown emails alike', async () => {
    const pat = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const changes: number[] = [];
    for (let i = 0; i < 13; i++)
      changes.push(
        (await pat.http.post('/api/me/password', { currentPassword: 'not mine', newPassword: STRONG }))
          .status,
      );
    expect(changes.slice(0, 12).every((s) => s === 403)).toBe(true);
    expect(changes[12]).toBe(429);

    const anon = client(stack.baseUrl);
    const patEmail = (await pat.http.get<{ email: string }>('/api/me')).body.email;
    // Known and unknown addresses get the same kinds of answer: 202 pending while allowed, then 429.
    const answers = { known: new Set<string>(), unknown: new Set<string>() };
    const ask = async (email: string) => {
      const answer = await anon.post<{ status?: string; code?: string }>('/api/auth/reset-request', {
        email,
      });
      return `${answer.status} ${answer.body.code ?? answer.body.status}`;
    };
    for (let i = 0; i < 8; i++) {
      answers.known.add(await ask(patEmail));
      answers.unknown.add(await ask(`nobody${i}@example.org`));
    }
    expect([...answers.known].sort()).toEqual(['202 pending', '429 RATE_LIMITED']);
    expect([...answers.unknown].sort()).toEqual(['202 pending', '429 RATE_LIMITED']);
    const registration = await anon.post('/api/auth/register', {
      territoryId: town,
      email: 'late@example.org',
      displayName: 'Late',
      password: STRONG,
    });
    expect(registration.status).toBe(429);
  });
});
