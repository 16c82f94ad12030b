import { createHash } from 'node:crypto';
import type {
  DecisionView,
  DriveRequestView,
  RegistrationView,
  ErrorBody,
  LoginResponse,
  MemberView,
  MembershipLinkView,
  VouchesView,
} from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { aPerson } from './community-fixtures.js';
import { client, connectSocket, login, nextEvent, startStack, type Socket, type Stack } from './stack.js';

/** A password zxcvbn scores 4: long, no dictionary run. */
const STRONG = 'amber kettle drifts sideways';
const UNKNOWN_TOKEN = 'A'.repeat(43);

describe('membership: invitations, passwords and roles (ADR 0021)', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let region: string;
  let town: string;
  let elsewhere: string;
  const sockets: Socket[] = [];
  let serial = 0;

  beforeAll(async () => {
    // A generous link allowance: the rate-limit test below spends it on purpose, the others must not.
    stack = await startStack({ dispatcher: false, rateLimits: { loginPerMinute: 40 } });
    fixtures = Fixtures.open(stack.databaseUrl);
    region = await fixtures.aTerritory({ level: 'region', half: 0.5 });
    town = await fixtures.aTerritory({ parentId: region });
    elsewhere = await fixtures.aTerritory({ centre: [25.5, 61], half: 0.05 });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  const anon = () => client(stack.baseUrl);
  const newEmail = () => `newcomer${++serial}@example.org`;
  const join = (token: string, overrides: Record<string, string> = {}) =>
    anon().post<LoginResponse & ErrorBody>('/api/auth/join', {
      token,
      email: newEmail(),
      displayName: `Newcomer ${serial}`,
      password: STRONG,
      ...overrides,
    });

  it('a coordinator invites into their territory; the invitee joins as a rider there, logged in, once', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    expect((await coordinator.http.post('/api/invitations', { territoryId: elsewhere })).status).toBe(403);
    expect((await coordinator.http.post<ErrorBody>('/api/invitations', {})).body.field).toBe('territoryId');
    const invitation = await coordinator.http.post<MembershipLinkView>('/api/invitations', {
      territoryId: town,
    });
    expect(invitation.status).toBe(201);
    expect(invitation.body.path).toBe(`/account/#join/${invitation.body.token}`);
    expect(Date.parse(invitation.body.expiresAt)).toBeGreaterThan(Date.now());

    // Only the token's SHA-256 is stored.
    const stored = await fixtures.db.query<{ token_sha256: Buffer }>(
      `SELECT token_sha256 FROM membership_links WHERE created_by = $1`,
      [coordinator.id],
    );
    expect(stored.rows.map((r) => r.token_sha256.toString('hex'))).toEqual([
      createHash('sha256').update(invitation.body.token).digest('hex'),
    ]);

    const email = newEmail();
    const joined = await join(invitation.body.token, { email: email.toUpperCase() });
    expect(joined.status).toBe(201);
    expect(joined.body.member).toMatchObject({ email, role: 'rider', homeTerritoryId: town });
    const me = await client(stack.baseUrl, joined.body.token).get<MemberView>('/api/me');
    expect(me.body.id).toBe(joined.body.member.id);
    expect((await login(stack.baseUrl, email, STRONG)).member.id).toBe(joined.body.member.id);

    // Used: refused, with the same answer as an unknown token.
    const reused = await join(invitation.body.token);
    const unknown = await join(UNKNOWN_TOKEN);
    expect(reused.status).toBe(404);
    expect(reused.body).toEqual(unknown.body);
    expect(reused.body.field).toBe('token');
  });

  it('a coordinator of an enclosing territory invites into the territories within it', async () => {
    const regional = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [region] });
    const invitation = await regional.http.post<MembershipLinkView>('/api/invitations', {
      territoryId: town,
    });
    expect(invitation.status).toBe(201);
    expect((await join(invitation.body.token)).body.member.homeTerritoryId).toBe(town);
  });

  it('a member invites into their own territory and their vouch is counted for the newcomer', async () => {
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    expect((await rider.http.post('/api/invitations', { territoryId: elsewhere })).status).toBe(403);
    const invitation = await rider.http.post<MembershipLinkView>('/api/invitations', {});
    expect(invitation.status).toBe(201);
    const joined = await join(invitation.body.token);
    expect(joined.body.member.homeTerritoryId).toBe(town);
    const vouches = await client(stack.baseUrl, joined.body.token).get<VouchesView>('/api/vouches');
    expect(vouches.body.received.map((v) => v.voucherId)).toEqual([rider.id]);

    const homeless = await aPerson(fixtures, stack.baseUrl, 'rider');
    expect((await homeless.http.post('/api/invitations', {})).status).toBe(409);
  });

  it('an expired link is refused like an unknown one, and the database refuses links that live too long', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const invitation = await coordinator.http.post<MembershipLinkView>('/api/invitations', {
      territoryId: town,
    });
    await fixtures.db.query(
      `UPDATE membership_links SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day'
        WHERE created_by = $1`,
      [coordinator.id],
    );
    const expired = await join(invitation.body.token);
    expect(expired.status).toBe(404);
    expect(expired.body).toEqual((await join(UNKNOWN_TOKEN)).body);

    await expect(
      fixtures.db.query(
        `INSERT INTO membership_links (kind, token_sha256, created_by, territory_id, expires_at)
         VALUES ('invitation', sha256('x'), $1, $2, now() + interval '30 days')`,
        [coordinator.id, town],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('a weak password is refused naming the field, and the link stays usable', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const invitation = await coordinator.http.post<MembershipLinkView>('/api/invitations', {
      territoryId: town,
    });
    for (const password of ['password123', 'short', 'qwertyuiopasdf']) {
      const weak = await join(invitation.body.token, { password });
      expect(weak.status).toBe(400);
      expect(weak.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
    }
    expect((await join(invitation.body.token)).status).toBe(201);
  });

  it('an email already taken does not consume the link', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const invitation = await coordinator.http.post<MembershipLinkView>('/api/invitations', {
      territoryId: town,
    });
    const taken = await join(invitation.body.token, { email: coordinator.email });
    expect(taken.status).toBe(409);
    expect(taken.body.field).toBe('email');
    expect((await join(invitation.body.token)).status).toBe(201);
  });

  it('a member changes their password, the current one required; their other sessions end (ADR 0026)', async () => {
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    // Another device: signed in over HTTP and with a socket open.
    const other = await login(stack.baseUrl, rider.email, rider.password);
    const otherSocket = await connectSocket(stack.baseUrl, other.token);
    sockets.push(otherSocket);
    const ended = nextEvent<{ reason: string }>(otherSocket, 'session:ended', () => true, 15_000);
    const wrong = await rider.http.post<ErrorBody>('/api/me/password', {
      currentPassword: 'not my password',
      newPassword: STRONG,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.field).toBe('currentPassword');
    const weak = await rider.http.post<ErrorBody>('/api/me/password', {
      currentPassword: rider.password,
      newPassword: 'iloveyou123',
    });
    expect(weak.body).toMatchObject({ statusCode: 400, field: 'newPassword' });
    // Refused changes end nothing.
    expect((await client(stack.baseUrl, other.token).get('/api/me')).status).toBe(200);

    const changed = await rider.http.post<LoginResponse>('/api/me/password', {
      currentPassword: rider.password,
      newPassword: STRONG,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.member.id).toBe(rider.id);
    expect(await ended).toEqual({ reason: 'password-changed' });
    // Every token signed before the change is refused, this one's included; the new one works.
    const before = await client(stack.baseUrl, other.token).get<ErrorBody>('/api/me');
    expect(before.status).toBe(401);
    expect(before.body.message).toMatch(/password was changed/);
    expect((await rider.http.get('/api/me')).status).toBe(401);
    expect((await client(stack.baseUrl, changed.body.token).get('/api/me')).status).toBe(200);
    await expect(connectSocket(stack.baseUrl, other.token)).rejects.toThrow(/password was changed/);
    expect((await login(stack.baseUrl, rider.email, STRONG)).member.id).toBe(rider.id);
    await expect(login(stack.baseUrl, rider.email, rider.password)).rejects.toThrow(/401/);
  });

  it('a coordinator issues a reset link for a member of their territory; it works once', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [elsewhere] });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const path = `/api/members/${rider.id}/reset-links`;
    expect((await stranger.http.post(path, { territoryId: elsewhere })).status).toBe(404);
    expect((await stranger.http.post(path, { territoryId: town })).status).toBe(404);
    expect((await rider.http.post(path, { territoryId: town })).status).toBe(403);
    const link = await coordinator.http.post<MembershipLinkView>(path, { territoryId: town });
    expect(link.status).toBe(201);
    expect(link.body.path).toBe(`/account/#reset/${link.body.token}`);

    const weak = await anon().post<ErrorBody>('/api/auth/reset', {
      token: link.body.token,
      password: 'letmein123',
    });
    expect(weak.body).toMatchObject({ statusCode: 400, field: 'password' });
    expect((await anon().post('/api/auth/reset', { token: link.body.token, password: STRONG })).status).toBe(
      204,
    );
    // Whoever held the account before the reset is signed out.
    expect((await rider.http.get('/api/me')).status).toBe(401);
    expect((await login(stack.baseUrl, rider.email, STRONG)).member.id).toBe(rider.id);
    const again = await anon().post<ErrorBody>('/api/auth/reset', {
      token: link.body.token,
      password: STRONG,
    });
    const unknown = await anon().post<ErrorBody>('/api/auth/reset', {
      token: UNKNOWN_TOKEN,
      password: STRONG,
    });
    expect(again.status).toBe(404);
    expect(again.body).toEqual(unknown.body);
  });

  it('a coordinator grants and withdraws the driver role in scope, with a reason in the audit log; the member’s sockets end', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [elsewhere] });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const grant = { role: 'driver', territoryId: town, reason: 'checked licence and car' };
    const path = `/api/members/${rider.id}/roles`;

    expect((await stranger.http.post(path, { ...grant, territoryId: elsewhere })).status).toBe(404);
    expect((await stranger.http.post(path, grant)).status).toBe(404);
    expect((await rider.http.post(path, grant)).status).toBe(403);
    expect((await coordinator.http.post<ErrorBody>(path, { ...grant, reason: '  ' })).body.field).toBe(
      'reason',
    );

    const loggedIn = await login(stack.baseUrl, rider.email, rider.password);
    const socket = await connectSocket(stack.baseUrl, loggedIn.token);
    sockets.push(socket);
    const ended = nextEvent<{ reason: string }>(socket, 'session:ended', () => true, 15_000);
    const granted = await coordinator.http.post<MemberView>(path, grant);
    expect(granted.status).toBe(200);
    expect(granted.body.role).toBe('driver');
    expect(await ended).toEqual({ reason: 'role-changed' });
    expect((await coordinator.http.post(path, grant)).status).toBe(409);
    // Withdrawal too is in scope only.
    expect((await stranger.http.post(`${path}/withdrawal`, { ...grant, reason: 'not mine' })).status).toBe(
      404,
    );
    expect(
      (await stranger.http.post(`${path}/withdrawal`, { ...grant, territoryId: elsewhere, reason: 'x y z' }))
        .status,
    ).toBe(404);

    const withdrawn = await coordinator.http.post<MemberView>(`${path}/withdrawal`, {
      ...grant,
      reason: 'asked to stop driving',
    });
    expect(withdrawn.body.role).toBe('rider');
    const decisions = await client(stack.baseUrl, loggedIn.token).get<DecisionView[]>('/api/me/decisions');
    expect(decisions.body.map((d) => [d.decision, d.reason])).toEqual(
      expect.arrayContaining([
        ['grant-role', 'checked licence and car'],
        ['withdraw-role', 'asked to stop driving'],
      ]),
    );
    const audit = await fixtures.db.query(
      `SELECT decided_by, role, territory_id FROM moderation_decisions WHERE subject_id = $1`,
      [rider.id],
    );
    expect(audit.rows).toEqual([
      { decided_by: coordinator.id, role: 'driver', territory_id: town },
      { decided_by: coordinator.id, role: 'driver', territory_id: town },
    ]);
  });

  it('a regional coordinator makes a coordinator of a town; withdrawing it leaves them a rider', async () => {
    const regional = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [region] });
    const townCoordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const change = { role: 'coordinator', territoryId: town, reason: 'elected at the assembly' };
    const path = `/api/members/${rider.id}/roles`;
    const granted = await regional.http.post<MemberView>(path, change);
    expect(granted.body).toMatchObject({ role: 'coordinator', coordinatedTerritoryIds: [town] });
    // A town coordinator cannot make a regional one.
    expect((await townCoordinator.http.post(path, { ...change, territoryId: region })).status).toBe(404);
    const withdrawn = await regional.http.post<MemberView>(`${path}/withdrawal`, {
      ...change,
      reason: 'term over',
    });
    expect(withdrawn.body).toMatchObject({ role: 'rider', coordinatedTerritoryIds: [] });
  });

  it('open registration: the same answer for everyone, a member only once the right coordinator approves', async () => {
    const open = await fixtures.aTerritory({ parentId: region, centre: [24.9, 60.1], half: 0.02 });
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [open] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [elsewhere] });
    const register = (email: string, territoryId = open) =>
      anon().post<{ status: string }>('/api/auth/register', {
        territoryId,
        email,
        displayName: 'Applicant',
        password: STRONG,
      });
    const count = async () =>
      Number((await fixtures.db.query(`SELECT count(*) FROM registration_requests`)).rows[0].count);

    const before = await count();
    const closed = await register(newEmail());
    expect(closed).toEqual({ status: 202, body: { status: 'pending' } });
    expect(await count()).toBe(before);

    expect(
      (await stranger.http.request('PUT', `/api/territories/${open}/registration`, { open: true })).status,
    ).toBe(404);
    expect(
      (await coordinator.http.request('PUT', `/api/territories/${open}/registration`, { open: true })).status,
    ).toBe(200);
    const email = newEmail();
    expect(await register(email)).toEqual(closed);
    expect(await register(coordinator.email)).toEqual(closed); // a member's email: same answer, nothing stored
    expect(await register(email)).toEqual(closed); // twice: one request
    expect(await register(newEmail(), '00000000-0000-4000-8000-000000000000')).toEqual(closed); // no such territory
    expect(await count()).toBe(before + 1);
    expect((await register(newEmail())).status).toBe(202);

    expect((await stranger.http.get(`/api/territories/${open}/registrations`)).status).toBe(404);
    const pending = await coordinator.http.get<RegistrationView[]>(`/api/territories/${open}/registrations`);
    expect(pending.body.map((r) => r.status)).toEqual(['pending', 'pending']);
    const [mine, other] = pending.body;
    expect(mine!.email).toBe(email);
    expect(
      (await stranger.http.post(`/api/registrations/${mine!.id}/decision`, { approve: true })).status,
    ).toBe(404);
    const approved = await coordinator.http.post<RegistrationView>(
      `/api/registrations/${mine!.id}/decision`,
      {
        approve: true,
      },
    );
    expect(approved.body.status).toBe('approved');
    const member = await login(stack.baseUrl, email, STRONG);
    expect(member.member).toMatchObject({ role: 'rider', homeTerritoryId: open });
    expect(
      (
        await coordinator.http.post(`/api/registrations/${mine!.id}/decision`, {
          approve: false,
          reason: 'x',
        })
      ).status,
    ).toBe(409);

    const noReason = await coordinator.http.post<ErrorBody>(`/api/registrations/${other!.id}/decision`, {
      approve: false,
    });
    expect(noReason.body).toMatchObject({ statusCode: 400, field: 'reason' });
    const refused = await coordinator.http.post<RegistrationView>(
      `/api/registrations/${other!.id}/decision`,
      {
        approve: false,
        reason: 'nobody knows them',
      },
    );
    expect(refused.body.status).toBe('refused');
    await expect(login(stack.baseUrl, other!.email, STRONG)).rejects.toThrow(/401/);
  });

  it('a rider asks to drive; the coordinator approves: vehicle, hours, driver role in the audit log, sockets ended', async () => {
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [elsewhere] });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const body = {
      label: 'blue Berlingo',
      seats: 3,
      wheelchairPlaces: 1,
      cargoUnits: 2,
      weeklyAvailability: [
        { day: 0, from: '08:00', to: '12:00' },
        { day: 2, from: '14:00', to: '18:30' },
      ],
    };
    const backwards = await rider.http.post<ErrorBody>('/api/me/drive-request', {
      ...body,
      weeklyAvailability: [{ day: 1, from: '22:00', to: '02:00' }],
    });
    expect(backwards.body).toMatchObject({ statusCode: 400, field: 'weeklyAvailability.0.to' });
    const asked = await rider.http.post<DriveRequestView>('/api/me/drive-request', body);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', territoryId: town, seats: 3 });
    expect((await rider.http.post('/api/me/drive-request', body)).status).toBe(409);

    expect((await stranger.http.get(`/api/territories/${town}/drive-requests`)).status).toBe(404);
    const listed = await coordinator.http.get<DriveRequestView[]>(`/api/territories/${town}/drive-requests`);
    expect(listed.body.map((r) => r.id)).toContain(asked.body.id);
    const decision = `/api/drive-requests/${asked.body.id}/decision`;
    expect((await stranger.http.post(decision, { approve: true })).status).toBe(404);

    const loggedIn = await login(stack.baseUrl, rider.email, rider.password);
    const socket = await connectSocket(stack.baseUrl, loggedIn.token);
    sockets.push(socket);
    const ended = nextEvent<{ reason: string }>(socket, 'session:ended', () => true, 15_000);
    const approved = await coordinator.http.post<DriveRequestView>(decision, {
      approve: true,
      reason: 'met at the assembly',
    });
    expect(approved.body.status).toBe('approved');
    expect(await ended).toEqual({ reason: 'role-changed' });
    expect((await rider.http.get<MemberView>('/api/me')).body.role).toBe('driver');
    const vehicle = await fixtures.db.query(
      `SELECT v.label, v.seats, v.wheelchair_places, v.cargo_units, m.declared_hours_per_week AS hours
         FROM vehicles v JOIN members m ON m.id = v.driver_id WHERE v.driver_id = $1`,
      [rider.id],
    );
    expect(vehicle.rows).toEqual([
      { label: 'blue Berlingo', seats: 3, wheelchair_places: 1, cargo_units: 2, hours: 8.5 },
    ]);
    const decisions = await rider.http.get<DecisionView[]>('/api/me/decisions');
    expect(decisions.body.map((d) => [d.decision, d.reason])).toEqual([
      ['grant-role', 'met at the assembly'],
    ]);
    expect((await coordinator.http.post(decision, { approve: true })).status).toBe(409);
    const shift = await rider.http.post('/api/shifts/start', { position: [24.95, 60.18] });
    expect(shift.status).toBe(200);
  });

  it('link use is rate-limited per address', async () => {
    let status = 0;
    for (let i = 0; i < 60 && status !== 429; i++) status = (await join(UNKNOWN_TOKEN)).status;
    expect(status).toBe(429);
  });
});
