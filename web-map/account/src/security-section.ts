import type { LoginResponse, MemberDataExport } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { AccountDeps, Section } from './section.js';
import { field, Line, onSubmit, said } from './ui.js';

const passwordInput = (name: string, autocomplete: string, testid: string) =>
  h('input', { name, type: 'password', autocomplete, required: true, 'data-testid': testid });

/**
 * Security: change my password (every other session of mine ends, this one goes on under a new
 * token), and leave the community: my account and personal data erased, after my password and a
 * confirmation.
 */
export class SecuritySection implements Section {
  readonly id = 'security';
  readonly label = 'nav.security' as const;
  readonly element: HTMLElement;
  private readonly changeError: Line;
  private readonly changed: Line;
  private readonly leaveError: Line;

  constructor(private readonly deps: AccountDeps) {
    const { locale } = deps;
    this.changeError = new Line(locale, 'error', 'password-error');
    this.changed = new Line(locale, 'notice', 'password-done');
    this.leaveError = new Line(locale, 'error', 'leave-error');
    const current = passwordInput('currentPassword', 'current-password', 'current-password');
    const next = passwordInput('newPassword', 'new-password', 'new-password');
    const change = h(
      'form',
      { class: 'card', 'data-testid': 'password-form' },
      said(locale, 'h3', 'security.change'),
      said(locale, 'p', 'security.changeIntro', { class: 'small' }),
      field(locale, 'security.current', current),
      field(locale, 'security.new', next, 'password.hint'),
      said(locale, 'button', 'security.changeSubmit', { type: 'submit', 'data-testid': 'password-submit' }),
      this.changeError.element,
      this.changed.element,
    );
    onSubmit(
      change,
      this.changeError,
      async () => {
        this.changed.clear();
        const renewed = await deps.api.post<LoginResponse>('/api/me/password', {
          currentPassword: current.value,
          newPassword: next.value,
        });
        deps.renewSession(renewed);
        current.value = '';
        next.value = '';
        this.changed.say('security.changed');
      },
      { currentPassword: 'security.currentWrong', newPassword: 'password.weak' },
    );

    const download = said(locale, 'button', 'security.download', {
      type: 'button',
      class: 'secondary',
      'data-testid': 'download-data',
    });
    download.addEventListener('click', () => {
      download.disabled = true;
      this.leaveError.clear();
      deps.api
        .get<MemberDataExport>('/api/me/data')
        .then((data) => {
          const url = URL.createObjectURL(
            new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
          );
          const link = h('a', { href: url, download: 'navette-my-data.json' });
          link.click();
          setTimeout(() => URL.revokeObjectURL(url), 60_000);
        })
        .catch((failure: unknown) => this.leaveError.fail(failure))
        .finally(() => (download.disabled = false));
    });

    const password = passwordInput('password', 'current-password', 'leave-password');
    const confirm = h('dialog', { 'aria-labelledby': 'leave-confirm-title', 'data-testid': 'leave-dialog' });
    const forGood = said(locale, 'button', 'security.leaveForGood', {
      type: 'button',
      class: 'danger',
      'data-testid': 'leave-confirm',
    });
    const stay = said(locale, 'button', 'security.stay', {
      type: 'button',
      class: 'secondary',
      'data-testid': 'leave-cancel',
    });
    confirm.append(
      said(locale, 'h3', 'security.leaveSure', { id: 'leave-confirm-title' }),
      said(locale, 'p', 'security.leaveWhat'),
      h('div', { class: 'buttons' }, forGood, stay),
    );
    stay.addEventListener('click', () => confirm.close());
    forGood.addEventListener('click', () => {
      forGood.disabled = true;
      deps.api
        .post('/api/me/erasure', { password: password.value })
        .then(() => {
          confirm.close();
          deps.left();
        })
        .catch((failure: unknown) => {
          confirm.close();
          this.leaveError.fail(failure, { password: 'security.currentWrong' });
          password.focus();
        })
        .finally(() => (forGood.disabled = false));
    });
    const leave = h(
      'form',
      { class: 'card', 'data-testid': 'leave-form' },
      said(locale, 'h3', 'security.leave'),
      said(locale, 'p', 'security.leaveIntro', { class: 'small' }),
      said(locale, 'p', 'security.downloadIntro', { class: 'small' }),
      download,
      field(locale, 'security.leavePassword', password),
      said(locale, 'button', 'security.leaveSubmit', {
        type: 'submit',
        class: 'danger',
        'data-testid': 'leave-submit',
      }),
      this.leaveError.element,
    );
    leave.addEventListener('submit', (event) => {
      event.preventDefault();
      this.leaveError.clear();
      confirm.showModal();
    });
    this.element = h(
      'section',
      { 'aria-labelledby': 'security-title' },
      said(locale, 'h2', 'security.title', { id: 'security-title' }),
      change,
      leave,
      confirm,
    );
  }

  open(): void {
    this.changeError.clear();
    this.changed.clear();
    this.leaveError.clear();
  }

  close(): void {}
}
