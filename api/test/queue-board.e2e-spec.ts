import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';

/** Bull Board shows every job's data (riders' ride ids, errors): admins only, as the database says now. */
describe('the queue board, for admins only', () => {
  let stack: Stack;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  const tokenOf = async (role: 'admin' | 'coordinator' | 'rider') => {
    const member = await fixtures.aMember(role);
    return { ...member, token: (await login(stack.baseUrl, member.email, member.password)).token };
  };
  const board = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/api/admin/queues${path}`, { headers });

  it('refuses no token (401), a rider and a coordinator (403)', async () => {
    expect((await board('/')).status).toBe(401);
    expect((await board('/api/queues')).status).toBe(401);
    for (const role of ['rider', 'coordinator'] as const) {
      const { token } = await tokenOf(role);
      const page = await board('/', { authorization: `Bearer ${token}` });
      expect(page.status).toBe(403);
      expect(((await page.json()) as { code: string }).code).toBe('FORBIDDEN');
      expect((await client(stack.baseUrl, token).post('/api/admin/queue-board/session')).status).toBe(403);
    }
  });

  it("shows an admin the matching and planning queues, by bearer token or the board's cookie", async () => {
    const admin = await tokenOf('admin');
    const page = await board('/', { authorization: `Bearer ${admin.token}` });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('__UI_CONFIG__');

    const session = await fetch(`${stack.baseUrl}/api/admin/queue-board/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/admin\/queues/);
    const queues = await board('/api/queues', { cookie: cookie.split(';')[0]! });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['matching', 'planning']);
  });

  it('closes to an admin whose role is taken away (within the role cache of 5 s)', async () => {
    const admin = await tokenOf('admin');
    await fixtures.db.query(`UPDATE members SET role = 'rider' WHERE id = $1`, [admin.id]);
    await new Promise((resolve) => setTimeout(resolve, 5_500)); // the role cache's 5 s
    expect((await board('/', { authorization: `Bearer ${admin.token}` })).status).toBe(403);
  });
});
