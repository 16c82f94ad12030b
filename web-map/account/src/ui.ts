import { ApiError, errorText, h, type MessageParams } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

type Tag = keyof HTMLElementTagNameMap;

/** An element whose text is the message `key`, kept in the page's language. */
export function said<K extends Tag>(
  locale: Locale,
  tag: K,
  key: MessageKey,
  props: Record<string, string | boolean | undefined> = {},
): HTMLElementTagNameMap[K] {
  const element = h(tag, props);
  locale.bind(() => (element.textContent = locale.t(key)));
  return element;
}

/** A control with its visible label (and a hint read with it), in the page's language. */
export function field(
  locale: Locale,
  key: MessageKey,
  control: HTMLElement,
  hint?: MessageKey,
): HTMLLabelElement {
  const label = h('label', {}, said(locale, 'span', key), control);
  if (hint) {
    const id = `hint-${Math.random().toString(36).slice(2)}`;
    label.append(said(locale, 'small', hint, { id, class: 'hint' }));
    control.setAttribute('aria-describedby', id);
  }
  return label;
}

/**
 * Dispatched on `document` when a call is refused because the session ended (401: the password was
 * changed elsewhere, the token expired, the member left): the page signs out (main.ts).
 */
export const SESSION_ENDED = 'navette:session-ended';

/**
 * A line of feedback under a form or a list: an error (announced at once, `role=alert`) or a notice
 * (`role=status`). What it says is kept in the page's language when the language changes.
 */
export class Line {
  readonly element: HTMLParagraphElement;
  private words: (() => string) | null = null;

  constructor(
    private readonly locale: Locale,
    kind: 'error' | 'notice',
    testid: string,
  ) {
    this.element =
      kind === 'error'
        ? h('p', { class: 'error', role: 'alert', 'data-testid': testid })
        : h('p', { class: 'notice', role: 'status', 'data-testid': testid });
    locale.bind(() => (this.element.textContent = this.words?.() ?? ''));
  }

  /** Says one of this page's messages. */
  say(key: MessageKey, params: MessageParams = {}): void {
    this.show(() => this.locale.t(key, params));
  }

  /** Says what went wrong with a call (see `problemText`); a session that ended signs the page out. */
  fail(failure: unknown, byField: Partial<Record<string, MessageKey>> = {}): void {
    this.show(() => problemText(failure, this.locale, byField));
    if (failure instanceof ApiError && failure.body.statusCode === 401)
      document.dispatchEvent(new Event(SESSION_ENDED));
  }

  clear(): void {
    this.words = null;
    this.element.textContent = '';
  }

  private show(words: () => string): void {
    this.words = words;
    this.element.textContent = words();
  }
}

/**
 * What to tell the person about a failed call: this page's own words for an error on a field it
 * knows (`byField`, e.g. a weak password or an unusable link), else the kit's (the API's message
 * or "offline").
 */
export function problemText(
  failure: unknown,
  locale: Locale,
  byField: Partial<Record<string, MessageKey>> = {},
): string {
  if (failure instanceof ApiError && failure.body.field && failure.body.code !== 'RATE_LIMITED') {
    const key = byField[failure.body.field];
    if (key) return locale.t(key);
  }
  return errorText(failure, locale);
}

/**
 * Runs `work` on submit with the form's buttons disabled; a failure is said in `error`, and the
 * control the API named, when the form has it, gets the focus.
 */
export function onSubmit(
  form: HTMLFormElement,
  error: Line,
  work: () => Promise<void>,
  byField: Partial<Record<string, MessageKey>> = {},
): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button')];
    for (const button of buttons) button.disabled = true;
    error.clear();
    work()
      .catch((failure: unknown) => {
        error.fail(failure, byField);
        const named = failure instanceof ApiError ? failure.body.field : undefined;
        const control = named ? form.elements.namedItem(named) : null;
        if (control instanceof HTMLElement) control.focus();
      })
      .finally(() => {
        for (const button of buttons) button.disabled = false;
      });
  });
}

/** A date (and time) in the page's language. */
export const when = (locale: Locale, iso: string, withTime = false) =>
  new Intl.DateTimeFormat(locale.formatLocale, {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(new Date(iso));
