import { Fixtures } from './fixtures.js';
import { mailbox } from './mailbox.js';
import { client, login, startStack, type Stack } from './stack.js';

const STRONG = 'amber kettle drifts sideways';

/** With `SMTP_URL`, a member asks for a reset link by email; the answer never says whether the email is known. */
describe('password reset by email (ADR 0021)', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let box: Awaited<ReturnType<typeof mailbox>>;

  beforeAll(async () => {
    box = await mailbox();
    stack = await startStack({
      dispatcher: false,
      smtp: { url: `smtp://127.0.0.1:${box.port}`, from: 'navette@test' },
    });
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
    await box.close();
  });

  it('mails a single-use link to a member, nothing to an unknown address, with the same answer', async () => {
    const member = await fixtures.aMember('rider');
    const anon = client(stack.baseUrl);
    const unknown = await anon.post('/api/auth/reset-request', { email: 'nobody@example.org' });
    const known = await anon.post('/api/auth/reset-request', { email: member.email.toUpperCase() });
    expect(unknown).toEqual({ status: 202, body: { status: 'pending' } });
    expect(known).toEqual(unknown);

    const deadline = Date.now() + 15_000;
    while (box.mails.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Give a mail for the unknown address, were one sent, the time to arrive too.
    await new Promise((r) => setTimeout(r, 500));
    expect(box.mails.map((m) => m.to)).toEqual([[member.email]]);
    const token = /https:\/\/navette\.test\/account\/#reset\/([A-Za-z0-9_-]{43})/.exec(
      box.mails[0]!.text.replace(/=\r?\n/g, ''),
    )?.[1];
    expect(token).toBeDefined();

    expect((await anon.post('/api/auth/reset', { token, password: STRONG })).status).toBe(204);
    expect((await login(stack.baseUrl, member.email, STRONG)).member.id).toBe(member.id);
    expect((await anon.post('/api/auth/reset', { token, password: STRONG })).status).toBe(404);
  });
});
