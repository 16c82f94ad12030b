import type { RideView, TaskHandoverView, TrackingView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { mailbox } from './mailbox.js';
import { client, eventually, login, startStack, type Stack } from './stack.js';

/** With `SMTP_URL`, the recipient of a task gets its code and tracking link by mail. */
describe('a task’s code and tracking link, mailed to its recipient', () => {
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

  it('mails the code and the link; the sender is told so and still sees both', async () => {
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    const sender = await fixtures.aMember('rider', { name: 'Sami' });
    const http = client(stack.baseUrl, (await login(stack.baseUrl, sender.email, sender.password)).token);
    const created = await http.post<RideView>('/api/rides', {
      kind: 'task',
      pickup: { type: 'Point', coordinates: [24.952, 60.182] },
      dropoff: { type: 'Point', coordinates: [24.93, 60.17] },
      task: {
        what: 'a prescription',
        category: 'prescription',
        size: 'bag',
        recipient: { name: 'Aino', email: 'Aino@Example.org' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.cargoUnits).toBe(1);
    const mail = await eventually(() =>
      Promise.resolve(box.mails.find((m) => m.to.includes('aino@example.org'))),
    );
    const handover = (await http.get<TaskHandoverView>(`/api/rides/${created.body.id}/handover`)).body;
    expect(handover.mailedToRecipient).toBe(true);
    const text = mail.text.replace(/=\r?\n/g, '');
    expect(text).toContain('Sami is sending you: a prescription.');
    expect(text).toContain(`give them this code: ${handover.code}`);
    expect(text).toContain(handover.trackingUrl!);
    // The link in the mail opens the delivery, without an account.
    const token = handover.trackingUrl!.split('/track/#')[1]!;
    const tracked = await client(stack.baseUrl).get<TrackingView>(`/api/track/${token}`);
    expect(tracked.body).toMatchObject({ state: 'waiting', what: 'a prescription' });
  }, 60_000);
});
