import type { CreateTaskRequest, FailedDeliveryChoice, TaskCategory, TaskSize } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { MessageKey } from './i18n.js';

const CATEGORIES: readonly TaskCategory[] = ['parcel', 'groceries', 'prescription', 'errand', 'other'];
const SIZES: readonly TaskSize[] = ['box', 'bag', 'boot'];
const ON_FAILURE: readonly FailedDeliveryChoice[] = ['return', 'replan'];

/** A labelled control (label above, ≥ 44 px, as every control of the page). */
function field(control: HTMLElement, label: HTMLElement): HTMLElement {
  return h('label', { class: 'task-field' }, label, control);
}

function select<T extends string>(values: readonly T[], testid: string) {
  const element = h('select', { 'data-testid': testid });
  for (const value of values) element.append(h('option', { value }));
  return element;
}

/**
 * "Send something": what, its size in plain words, who receives it (a name and a phone or an
 * e-mail), the windows and what to do if nobody is there. Hidden behind a checkbox; `task()` is
 * null while it is unchecked (a ride). Renders itself; emits `onToggle` when switched.
 */
export class TaskFields {
  readonly element: HTMLElement;
  private readonly toggle = h('input', { type: 'checkbox', 'data-testid': 'task-toggle' });
  private readonly toggleText = h('span');
  private readonly what = h('input', { type: 'text', maxLength: 120, 'data-testid': 'task-what' });
  private readonly category = select(CATEGORIES, 'task-category');
  private readonly size = select(SIZES, 'task-size');
  private readonly name = h('input', {
    type: 'text',
    maxLength: 80,
    autocomplete: 'off',
    'data-testid': 'task-recipient-name',
  });
  private readonly phone = h('input', {
    type: 'tel',
    autocomplete: 'off',
    'data-testid': 'task-recipient-phone',
  });
  private readonly email = h('input', {
    type: 'email',
    autocomplete: 'off',
    'data-testid': 'task-recipient-email',
  });
  private readonly pickupAfter = h('input', { type: 'datetime-local', 'data-testid': 'task-pickup-after' });
  private readonly deliverBefore = h('input', {
    type: 'datetime-local',
    'data-testid': 'task-deliver-before',
  });
  private readonly instructions = h('input', {
    type: 'text',
    maxLength: 500,
    'data-testid': 'task-instructions',
  });
  private readonly onFailure = select(ON_FAILURE, 'task-on-failure');
  private readonly details: HTMLElement;
  private readonly legend = h('legend');
  private readonly labels = new Map<MessageKey, HTMLElement>();

  constructor(
    private readonly locale: Locale,
    onToggle: (sending: boolean) => void,
  ) {
    const label = (key: MessageKey) => {
      const element = h('span');
      this.labels.set(key, element);
      return element;
    };
    this.details = h(
      'fieldset',
      { class: 'task-details', 'data-testid': 'task-details', hidden: true },
      field(this.what, label('task.what')),
      field(this.category, label('task.category')),
      field(this.size, label('task.size')),
      h(
        'fieldset',
        { class: 'task-recipient' },
        this.legend,
        field(this.name, label('task.recipientName')),
        field(this.phone, label('task.recipientPhone')),
        field(this.email, label('task.recipientEmail')),
      ),
      field(this.pickupAfter, label('task.pickupAfter')),
      field(this.deliverBefore, label('task.deliverBefore')),
      field(this.instructions, label('task.dropoffInstructions')),
      field(this.onFailure, label('task.onFailure')),
    );
    this.element = h(
      'div',
      { class: 'task-fields' },
      h('label', { class: 'task-toggle' }, this.toggle, this.toggleText),
      this.details,
    );
    this.toggle.addEventListener('change', () => {
      show(this.details, this.toggle.checked);
      onToggle(this.toggle.checked);
    });
    locale.bind(() => this.render());
  }

  /** The task to ask for, or null for a ride. */
  task(): CreateTaskRequest | null {
    if (!this.toggle.checked) return null;
    const text = (input: HTMLInputElement) => input.value.trim() || undefined;
    const instant = (input: HTMLInputElement) =>
      input.value ? new Date(input.value).toISOString() : undefined;
    const recipient = { name: text(this.name), phone: text(this.phone), email: text(this.email) };
    const task: CreateTaskRequest = {
      what: this.what.value.trim(),
      category: this.category.value as TaskCategory,
      size: this.size.value as TaskSize,
      recipient: Object.fromEntries(Object.entries(recipient).filter(([, v]) => v !== undefined)),
      onFailure: this.onFailure.value as FailedDeliveryChoice,
    };
    const [pickupAfter, deliverBefore, dropoffInstructions] = [
      instant(this.pickupAfter),
      instant(this.deliverBefore),
      text(this.instructions),
    ];
    return {
      ...task,
      ...(pickupAfter ? { pickupAfter } : {}),
      ...(deliverBefore ? { deliverBefore } : {}),
      ...(dropoffInstructions ? { dropoffInstructions } : {}),
    };
  }

  /** Back to a ride, fields emptied (after a request was made). */
  clear(): void {
    for (const input of [
      this.what,
      this.name,
      this.phone,
      this.email,
      this.pickupAfter,
      this.deliverBefore,
      this.instructions,
    ])
      input.value = '';
  }

  private render(): void {
    const t = this.locale.t;
    this.toggleText.textContent = t('task.toggle');
    this.legend.textContent = t('task.recipient');
    for (const [key, element] of this.labels) element.textContent = t(key);
    for (const option of this.category.options)
      option.textContent = t(`task.category.${option.value as TaskCategory}`);
    for (const option of this.size.options) option.textContent = t(`task.size.${option.value as TaskSize}`);
    for (const option of this.onFailure.options)
      option.textContent = t(`task.onFailure.${option.value as FailedDeliveryChoice}`);
  }
}
