import type { MembershipLinkView, VouchCodeView, VouchesView, VouchView } from '@navette/contracts';
import { ApiError, h } from '@navette/web-kit';
import type { AccountDeps, Section } from './section.js';
import { field, Line, onSubmit, said, when } from './ui.js';

/**
 * My trust: the code I share so others can vouch for me, vouching for someone by their code (or the
 * link `#trust/vouch/<code>` they sent), whom I vouch for (and withdrawing it), who vouches for me.
 * Nobody is found by browsing the members (ADR 0026).
 */
export class TrustSection implements Section {
  readonly id = 'trust';
  readonly label = 'nav.trust' as const;
  readonly element: HTMLElement;
  private readonly code = h('p', { class: 'code', 'data-testid': 'my-vouch-code' });
  private readonly link = h('input', { readOnly: true, 'data-testid': 'my-vouch-link' });
  private readonly codeInput = h('input', {
    name: 'code',
    autocomplete: 'off',
    required: true,
    'data-testid': 'vouch-code-input',
  });
  private readonly given = h('ul', { class: 'rows', 'data-testid': 'vouches-given' });
  private readonly received = h('ul', { class: 'rows', 'data-testid': 'vouches-received' });
  private readonly error: Line;
  private readonly done: Line;
  private vouches: VouchesView = { given: [], received: [] };

  constructor(private readonly deps: AccountDeps) {
    const { locale } = deps;
    this.error = new Line(locale, 'error', 'trust-error');
    this.done = new Line(locale, 'notice', 'vouch-done');
    const renew = said(locale, 'button', 'trust.renew', { type: 'button', class: 'secondary' });
    renew.addEventListener('click', () => void this.showCode(true));
    const copied = new Line(locale, 'notice', 'link-copied');
    const copy = said(locale, 'button', 'trust.copy', { type: 'button', 'data-testid': 'copy-link' });
    copy.addEventListener('click', () => {
      this.link.select();
      // The clipboard needs a secure context; the selected link can still be copied by hand.
      navigator.clipboard
        ?.writeText(this.link.value)
        .then(() => copied.say('trust.copied'))
        .catch(() => undefined);
    });
    const vouchForm = h(
      'form',
      { class: 'card', 'data-testid': 'vouch-form' },
      said(locale, 'h3', 'trust.vouchTitle'),
      said(locale, 'p', 'trust.vouchIntro', { class: 'small' }),
      field(locale, 'trust.codeLabel', this.codeInput),
      said(locale, 'button', 'trust.vouch', { type: 'submit', 'data-testid': 'vouch-submit' }),
      this.done.element,
    );
    onSubmit(
      vouchForm,
      this.error,
      async () => {
        this.done.clear();
        const before = new Set(this.vouches.given.map((v) => v.voucheeId));
        this.show(await deps.api.post<VouchesView>('/api/vouches/by-code', { code: this.codeInput.value }));
        const added = this.vouches.given.find((v) => !before.has(v.voucheeId));
        if (added) this.done.say('trust.vouched', { name: added.name });
        else this.done.say('trust.alreadyVouched');
        this.codeInput.value = '';
        if (location.hash.startsWith('#trust/')) history.replaceState(null, '', '#trust');
      },
      { code: 'trust.codeUnknown' },
    );
    this.element = h(
      'section',
      { 'aria-labelledby': 'trust-title' },
      said(locale, 'h2', 'trust.title', { id: 'trust-title' }),
      said(locale, 'p', 'trust.intro'),
      h(
        'div',
        { class: 'card' },
        said(locale, 'h3', 'trust.myCode'),
        said(locale, 'p', 'trust.myCodeIntro', { class: 'small' }),
        this.code,
        field(locale, 'trust.myLink', this.link),
        h('div', { class: 'buttons' }, copy, renew),
        copied.element,
      ),
      vouchForm,
      this.error.element,
      ...(deps.member.role === 'rider' || deps.member.role === 'driver' ? [this.inviteCard()] : []),
      h('div', { class: 'card' }, said(locale, 'h3', 'trust.given'), this.given),
      h('div', { class: 'card' }, said(locale, 'h3', 'trust.received'), this.received),
    );
    locale.bind(() => this.renderLists());
  }

  open(): void {
    this.error.clear();
    this.done.clear();
    // A link a member shared: `#trust/vouch/ABCDE-12345` fills the code in, to check and confirm.
    const shared = /^#trust\/vouch\/([A-Za-z0-9-]{10,14})$/.exec(location.hash)?.[1];
    if (shared) {
      this.codeInput.value = shared;
      this.done.say('trust.fromLink');
    }
    void this.showCode(false);
    this.deps.api
      .get<VouchesView>('/api/vouches')
      .then((vouches) => this.show(vouches))
      .catch((failure: unknown) => this.error.fail(failure));
  }

  close(): void {}

  /**
   * A member invites someone they vouch for into their territory: a single-use link, valid 7 days,
   * their vouch counted when the newcomer joins (coordinators invite from the console).
   */
  private inviteCard(): HTMLElement {
    const { locale, api } = this.deps;
    const link = h('input', { readOnly: true, 'data-testid': 'invitation-link' });
    const linkField = field(locale, 'trust.invitationLink', link);
    linkField.hidden = true;
    const made = new Line(locale, 'notice', 'invitation-made');
    const failed = new Line(locale, 'error', 'invitation-error');
    const invite = said(locale, 'button', 'trust.invite', { type: 'button', 'data-testid': 'invite' });
    invite.addEventListener('click', () => {
      invite.disabled = true;
      failed.clear();
      api
        .post<MembershipLinkView>('/api/invitations', {})
        .then((invitation) => {
          link.value = `${location.origin}${invitation.path}`;
          linkField.hidden = false;
          made.say('trust.invited', { date: when(locale, invitation.expiresAt, true) });
          link.select();
        })
        .catch((failure: unknown) => {
          // The two refusals a member can meet, in the page's words; anything else as the kit says it.
          const code = failure instanceof ApiError ? failure.body.code : undefined;
          if (code === 'CONFLICT') failed.say('trust.inviteNoTerritory');
          else if (code === 'FORBIDDEN') failed.say('trust.inviteRestricted');
          else failed.fail(failure);
        })
        .finally(() => (invite.disabled = false));
    });
    return h(
      'div',
      { class: 'card', 'data-testid': 'invite-card' },
      said(locale, 'h3', 'trust.inviteTitle'),
      said(locale, 'p', 'trust.inviteIntro', { class: 'small' }),
      invite,
      linkField,
      made.element,
      failed.element,
    );
  }

  private async showCode(renew: boolean): Promise<void> {
    try {
      const mine = renew
        ? await this.deps.api.post<VouchCodeView>('/api/me/vouch-code/renewal')
        : await this.deps.api.get<VouchCodeView>('/api/me/vouch-code');
      this.code.textContent = mine.code;
      this.link.value = `${location.origin}${mine.path}`;
    } catch (failure) {
      this.error.fail(failure);
    }
  }

  private show(vouches: VouchesView): void {
    this.vouches = vouches;
    this.renderLists();
  }

  private renderLists(): void {
    const { locale } = this.deps;
    const row = (vouch: VouchView, withdraw: boolean) => {
      const item = h('li', {}, h('span', { class: 'strong', textContent: vouch.name }), ' ');
      item.append(
        h('span', {
          class: 'small',
          textContent: locale.t('trust.since', { date: when(locale, vouch.since) }),
        }),
      );
      if (withdraw) {
        const button = h('button', {
          type: 'button',
          class: 'secondary',
          'data-testid': 'withdraw-vouch',
          textContent: locale.t('trust.withdraw'),
          'aria-label': locale.t('trust.withdrawFrom', { name: vouch.name }),
        });
        button.addEventListener('click', () => {
          button.disabled = true;
          this.deps.api
            .send<VouchesView>('DELETE', `/api/vouches/${vouch.voucheeId}`)
            .then((vouches) => {
              this.show(vouches);
              this.done.say('trust.withdrawn', { name: vouch.name });
            })
            .catch((failure: unknown) => {
              button.disabled = false;
              this.error.fail(failure);
            });
        });
        item.append(button);
      }
      return item;
    };
    const fill = (
      list: HTMLUListElement,
      vouches: VouchView[],
      withdraw: boolean,
      none: 'trust.noneGiven' | 'trust.noneReceived',
    ) =>
      list.replaceChildren(
        ...(vouches.length
          ? vouches.map((v) => row(v, withdraw))
          : [h('li', { class: 'small', textContent: locale.t(none) })]),
      );
    fill(this.given, this.vouches.given, true, 'trust.noneGiven');
    fill(this.received, this.vouches.received, false, 'trust.noneReceived');
  }
}
