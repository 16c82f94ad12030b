import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { RiderState } from './rider-state.js';

/**
 * "Cancel this ride?": a modal dialog (the browser's own `<dialog>`: focus moves in and stays,
 * Escape keeps the ride, focus goes back to "Cancel" when it closes).
 */
export class CancelDialog {
  readonly element: HTMLDialogElement;
  private readonly title = h('h2', { id: 'cancel-title' });
  private readonly text = h('p', { id: 'cancel-text' });
  private readonly confirm = h('button', {
    type: 'button',
    class: 'danger',
    'data-testid': 'cancel-confirm',
  });
  private readonly keep = h('button', { type: 'button', class: 'secondary', 'data-testid': 'cancel-keep' });

  constructor(
    private readonly locale: Locale,
    events: { confirm(): void; keep(): void },
  ) {
    this.element = h(
      'dialog',
      {
        class: 'card',
        'data-testid': 'cancel-dialog',
        'aria-labelledby': 'cancel-title',
        'aria-describedby': 'cancel-text',
      },
      this.title,
      this.text,
      h('div', { class: 'buttons' }, this.keep, this.confirm),
    );
    this.confirm.addEventListener('click', () => events.confirm());
    this.keep.addEventListener('click', () => events.keep());
    // Escape closes the dialog by itself: the state must say so too.
    this.element.addEventListener('cancel', (event) => {
      event.preventDefault();
      events.keep();
    });
    locale.bind(() => {
      const t = this.locale.t;
      this.title.textContent = t('cancel.title');
      this.text.textContent = t('cancel.text');
      this.confirm.textContent = t('cancel.confirm');
      this.keep.textContent = t('cancel.keep');
    });
  }

  render(state: RiderState): void {
    if (state.confirmingCancel && !this.element.open) {
      this.element.showModal();
      this.keep.focus();
    } else if (!state.confirmingCancel && this.element.open) this.element.close();
  }
}
