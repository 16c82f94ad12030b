import { ApiError, errorText, h } from '@navette/web-kit';
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

/** A paragraph for a form's outcome: errors are announced, notices too (`role=status`). */
export const errorLine = (testid: string) => h('p', { class: 'error', role: 'alert', 'data-testid': testid });
export const noticeLine = (testid: string) =>
  h('p', { class: 'notice', role: 'status', 'data-testid': testid });

/**
 * What to tell the person about a failed call: this page's own words for an error on a field it
 * knows (`byField`, e.g. a weak password or an unusable link), else the kit's (the API's message
 * or "offline"). Focuses the control the API named, when the form has it.
 */
export function problemText(
  failure: unknown,
  locale: Locale,
  byField: Partial<Record<string, MessageKey>> = {},
  form?: HTMLFormElement,
): string {
  if (failure instanceof ApiError && failure.body.field) {
    const control = form?.elements.namedItem(failure.body.field);
    if (control instanceof HTMLElement) control.focus();
    const key = byField[failure.body.field];
    if (key && failure.body.code !== 'RATE_LIMITED') return locale.t(key);
  }
  return errorText(failure, locale);
}

/** Runs `work` on submit with the submit button disabled; a failure is written in `error`. */
export function onSubmit(
  form: HTMLFormElement,
  error: HTMLElement,
  work: () => Promise<void>,
  explain: (failure: unknown) => string,
): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button')];
    for (const button of buttons) button.disabled = true;
    error.textContent = '';
    work()
      .catch((failure: unknown) => (error.textContent = explain(failure)))
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
