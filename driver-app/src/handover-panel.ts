import type { HandoverRequest, TripView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';

/**
 * A task on the driver's trip card: what is carried, who to collect it from and deliver it to (the
 * contact and the instructions), and, once aboard, the handover at the door — the recipient's code,
 * left with a neighbour or in a safe place (with a note), nobody there; a task coming back is given
 * back to its sender. Emits the chosen handover; the controller sends it.
 */
export function handoverPanel(
  trip: TripView,
  locale: Locale,
  handover: (trip: TripView, request: HandoverRequest) => void,
): HTMLElement | null {
  const task = trip.task;
  if (!task) return null;
  const t = locale.t;
  const aboard = trip.rideStatus === 'picked_up';
  const lines: HTMLElement[] = [
    h('p', { class: 'strong', 'data-testid': 'handover-what' }, t('handover.what', { what: task.what })),
  ];
  if (!aboard) {
    lines.push(
      h('p', { 'data-testid': 'handover-collect' }, t('handover.collectFrom', { name: task.senderName })),
    );
    if (task.pickupInstructions)
      lines.push(h('p', {}, t('handover.instructions', { text: task.pickupInstructions })));
    return h('div', { class: 'handover', 'data-testid': 'handover' }, ...lines);
  }
  if (task.returning) {
    lines.push(
      h('p', { 'data-testid': 'handover-deliver' }, t('handover.returnTo', { name: task.senderName })),
    );
  } else {
    lines.push(
      h(
        'p',
        { 'data-testid': 'handover-deliver' },
        t('handover.deliverTo', { name: task.recipientName ?? t('handover.someone') }),
      ),
    );
    if (task.recipientPhone)
      lines.push(
        h(
          'p',
          {},
          h(
            'a',
            { href: `tel:${task.recipientPhone.replace(/[^\d+]/g, '')}` },
            t('handover.phone', { phone: task.recipientPhone }),
          ),
        ),
      );
    if (task.recipientEmail)
      lines.push(
        h(
          'p',
          {},
          h(
            'a',
            { href: `mailto:${task.recipientEmail}` },
            t('handover.email', { email: task.recipientEmail }),
          ),
        ),
      );
    if (task.dropoffInstructions)
      lines.push(h('p', {}, t('handover.instructions', { text: task.dropoffInstructions })));
    if (task.deliverBefore) {
      const time = new Date(task.deliverBefore).toLocaleTimeString(locale.formatLocale, {
        hour: '2-digit',
        minute: '2-digit',
      });
      lines.push(h('p', {}, t('handover.before', { time })));
    }
  }
  const code = h('input', {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxLength: 6,
    'data-testid': 'handover-code',
  });
  const note = h('input', { type: 'text', maxLength: 500, 'data-testid': 'handover-note' });
  const button = (
    key: Parameters<Locale['t']>[0],
    testid: string,
    secondary: boolean,
    request: () => HandoverRequest,
  ) => {
    const element = h(
      'button',
      { type: 'button', class: secondary ? 'secondary' : undefined, 'data-testid': testid },
      t(key),
    );
    element.addEventListener('click', () => handover(trip, request()));
    return element;
  };
  const noteText = () => note.value.trim();
  const withNote = (outcome: HandoverRequest['outcome']) => (): HandoverRequest =>
    noteText() ? { outcome, note: noteText() } : { outcome };
  const controls = task.returning
    ? [
        h('label', { class: 'field' }, t('handover.note'), note),
        h(
          'div',
          { class: 'buttons' },
          button('handover.returned', 'handover-returned', false, withNote('returned')),
        ),
      ]
    : [
        h('label', { class: 'field' }, t('handover.code'), code),
        h(
          'div',
          { class: 'buttons' },
          button('handover.confirmCode', 'handover-confirm-code', false, () => ({
            outcome: 'code',
            code: code.value.trim(),
          })),
        ),
        h('label', { class: 'field' }, t('handover.note'), note),
        h(
          'div',
          { class: 'buttons' },
          button('handover.neighbour', 'handover-neighbour', true, withNote('neighbour')),
          button('handover.safePlace', 'handover-safe-place', true, withNote('safe-place')),
          button('handover.failed', 'handover-failed', true, withNote('failed')),
        ),
      ];
  return h('div', { class: 'handover', 'data-testid': 'handover' }, ...lines, ...controls);
}
