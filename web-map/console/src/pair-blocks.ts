import type { PairBlockView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { ReasonForm } from './reason-form.js';

/**
 * The pairs kept apart after two failures in a row (tit for two tats), each with a form to clear
 * it with a reason. A block's form is kept across renders so a reason being typed survives a refresh.
 */
export class PairBlocks {
  readonly element: HTMLElement;
  private readonly heading = h('h3', { id: 'pair-blocks-heading' });
  private readonly intro = h('p', { class: 'muted' });
  private readonly empty = h('p', { 'data-testid': 'no-pair-blocks' });
  private readonly list = h('ul', { class: 'plain pair-blocks', 'data-testid': 'pair-blocks' });
  private readonly forms = new Map<string, ReasonForm>();

  constructor(
    private readonly locale: Locale,
    private readonly onClear: (blockId: string, reason: string) => Promise<string>,
  ) {
    this.element = h(
      'section',
      { class: 'card', 'aria-labelledby': 'pair-blocks-heading' },
      this.heading,
      this.intro,
      this.empty,
      this.list,
    );
  }

  render(blocks: readonly PairBlockView[]): void {
    const t = this.locale.t;
    this.heading.textContent = t('reviews.blocks');
    this.intro.textContent = t('reviews.blocks.intro');
    this.empty.textContent = t('reviews.blocks.none');
    this.empty.hidden = blocks.length > 0;
    const date = (iso: string) =>
      new Date(iso).toLocaleDateString(this.locale.formatLocale, { dateStyle: 'medium' });
    this.list.replaceChildren(
      ...blocks.map((block) => {
        let form = this.forms.get(block.id);
        if (!form) {
          form = new ReasonForm(
            this.locale,
            { label: 'reviews.clearReason', submit: 'reviews.clearSubmit' },
            'clear-block',
            (reason) => this.onClear(block.id, reason),
          );
          this.forms.set(block.id, form);
        }
        return h(
          'li',
          { class: 'pair-block', 'data-testid': 'pair-block', 'data-id': block.id },
          h(
            'p',
            { class: 'strong' },
            t('reviews.block', {
              member: block.memberName,
              counterpart: block.counterpartName,
              date: date(block.createdAt),
            }),
          ),
          h('p', {}, t('reviews.block.reason', { counterpart: block.counterpartName })),
          form.element,
        );
      }),
    );
  }
}
