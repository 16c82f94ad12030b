import type { FileReportRequest } from '@navette/contracts';
import { h } from './dom.js';

export type ReportKind = FileReportRequest['kind'];

/** The kinds of problem a member may report about another (the reports API's member kinds). */
export const REPORT_KINDS: readonly ReportKind[] = ['no-show', 'unsafe', 'abuse', 'other'];

/** What the form says, in the page's language. */
export interface ReportFormWords {
  legend: string;
  kind(kind: ReportKind): string;
  text: string;
  send: string;
  close: string;
}

export interface ReportFormOptions {
  /** Test ids are `<prefix>-form`, `<prefix>-kind-<kind>`, `<prefix>-text`, `-send`, `-close`. */
  testIdPrefix: string;
  /** The radio group's name: unique on the page (one form per ride on the driver's page). */
  radioName: string;
  send(kind: ReportKind, text: string): void;
  close(): void;
}

/**
 * "Report a problem" after a trip, for a rider about their driver and a driver about a rider: a
 * kind (no-show first, checked), a text, send and close. The page decides when it shows.
 */
export class ReportForm {
  readonly element: HTMLFormElement;
  private readonly legend = h('legend');
  private readonly kinds = new Map<ReportKind, { input: HTMLInputElement; text: HTMLSpanElement }>();
  private readonly textLabel = h('span');
  private readonly text: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly closeButton: HTMLButtonElement;

  constructor(options: ReportFormOptions) {
    const id = (part: string) => `${options.testIdPrefix}-${part}`;
    const fieldset = h('fieldset', {}, this.legend);
    for (const kind of REPORT_KINDS) {
      const input = h('input', {
        type: 'radio',
        name: options.radioName,
        value: kind,
        'data-testid': id(`kind-${kind}`),
      });
      const text = h('span');
      fieldset.append(h('label', { class: 'choice' }, input, text));
      this.kinds.set(kind, { input, text });
    }
    this.kinds.get('no-show')!.input.checked = true;
    this.text = h('textarea', { maxLength: 2000, rows: 4, 'data-testid': id('text') });
    this.sendButton = h('button', { type: 'submit', 'data-testid': id('send') });
    this.closeButton = h('button', { type: 'button', class: 'secondary', 'data-testid': id('close') });
    this.element = h(
      'form',
      { class: 'report-form', 'data-testid': id('form') },
      fieldset,
      h('label', {}, this.textLabel, this.text),
      h('div', { class: 'buttons' }, this.sendButton, this.closeButton),
    );
    this.closeButton.addEventListener('click', () => options.close());
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      const kind = REPORT_KINDS.find((k) => this.kinds.get(k)!.input.checked) ?? 'other';
      options.send(kind, this.text.value);
    });
  }

  render(words: ReportFormWords, busy: boolean): void {
    this.legend.textContent = words.legend;
    for (const [kind, { text }] of this.kinds) text.textContent = words.kind(kind);
    this.textLabel.textContent = words.text;
    this.sendButton.textContent = words.send;
    this.sendButton.disabled = busy;
    this.closeButton.textContent = words.close;
  }

  /** Keyboard focus to the first choice, as the form opens. */
  focus(): void {
    this.kinds.get('no-show')!.input.focus();
  }

  /** Empties the text (once the report is sent). */
  clear(): void {
    this.text.value = '';
  }
}
