import type {
  DriveRequestView,
  GrantedRole,
  MemberView,
  MembershipLinkView,
  RegistrationSetting,
  RegistrationView,
} from '@navette/contracts';
import { errorText, h } from '@navette/web-kit';
import './admin-sections.css';
import type { MessageKey } from './i18n.js';
import type { ConsoleDeps, Section } from './section.js';

/** A role change a coordinator may make from a member's row. */
interface RoleAction {
  kind: 'grant' | 'withdraw';
  role: GrantedRole;
  label: MessageKey;
}

/** What may be done to a member's roles in this territory, by what they are now. */
export function roleActions(member: MemberView, territoryId: string): RoleAction[] {
  if (member.role === 'admin') return [];
  const actions: RoleAction[] = [];
  if (member.role === 'rider') actions.push({ kind: 'grant', role: 'driver', label: 'members.makeDriver' });
  if (member.role === 'driver')
    actions.push({ kind: 'withdraw', role: 'driver', label: 'members.withdrawDriver' });
  if (member.coordinatedTerritoryIds.includes(territoryId))
    actions.push({ kind: 'withdraw', role: 'coordinator', label: 'members.withdrawCoordinator' });
  else actions.push({ kind: 'grant', role: 'coordinator', label: 'members.makeCoordinator' });
  return actions;
}

/**
 * Members (`#members`): invitation links, open registration and the requests to join, requests to
 * drive, the territory's members with their roles (grant and withdraw, with a reason that goes to
 * the audit log) and password-reset links — on the membership API (ADR 0021).
 */
export class MembersSection implements Section {
  readonly id = 'members';
  readonly label: MessageKey = 'members.title';
  readonly element = h('section', { class: 'admin-section members', 'aria-labelledby': 'members-title' });
  private readonly words = new Map<HTMLElement, MessageKey>();
  private readonly problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'members-error' });
  private readonly status = h('p', { class: 'notice', role: 'status', 'data-testid': 'members-status' });
  private readonly link = h('input', { id: 'members-link', readOnly: true, 'data-testid': 'members-link' });
  private readonly linkBox: HTMLElement;
  private readonly linkLabel = h('label', { for: 'members-link' });
  private readonly linkExpiry = h('p', { class: 'small', 'data-testid': 'members-link-expiry' });
  private readonly openRegistration = h('input', {
    type: 'checkbox',
    id: 'members-open',
    'data-testid': 'members-open-registration',
  });
  private readonly registrations = h('ul', { class: 'request-list', 'data-testid': 'members-registrations' });
  private readonly driveRequests = h('ul', {
    class: 'request-list',
    'data-testid': 'members-drive-requests',
  });
  private readonly reason = h('textarea', { id: 'members-reason', 'data-testid': 'members-reason', rows: 2 });
  private readonly memberRows = h('ul', { class: 'member-list', 'data-testid': 'members-list' });
  private territoryId = '';
  private members: MemberView[] = [];
  private pendingRegistrations: RegistrationView[] = [];
  private pendingDrives: DriveRequestView[] = [];

  constructor(private readonly deps: ConsoleDeps) {
    const said = <E extends HTMLElement>(element: E, key: MessageKey): E => {
      this.words.set(element, key);
      return element;
    };
    const invite = said(h('button', { type: 'button', 'data-testid': 'members-invite' }), 'members.invite');
    invite.addEventListener('click', () => void this.invite());
    this.linkBox = h('div', { class: 'field', hidden: true }, this.linkLabel, this.link, this.linkExpiry);
    this.openRegistration.addEventListener('change', () => void this.setRegistration());
    this.element.append(
      said(h('h2', { id: 'members-title' }), 'members.title'),
      this.status,
      this.problem,
      h(
        'section',
        { class: 'card' },
        said(h('h3'), 'members.inviteTitle'),
        said(h('p', { class: 'small' }), 'members.inviteAbout'),
        invite,
        this.linkBox,
      ),
      h(
        'section',
        { class: 'card' },
        said(h('h3'), 'members.registrationTitle'),
        h(
          'div',
          { class: 'check' },
          this.openRegistration,
          said(h('label', { for: 'members-open' }), 'members.openRegistration'),
        ),
        this.registrations,
      ),
      h('section', { class: 'card' }, said(h('h3'), 'members.driveTitle'), this.driveRequests),
      h(
        'section',
        { class: 'card' },
        said(h('h3'), 'members.listTitle'),
        h(
          'div',
          { class: 'field' },
          said(h('label', { for: 'members-reason' }), 'members.reason'),
          this.reason,
        ),
        this.memberRows,
      ),
    );
    deps.locale.bind(() => this.renderWords());
  }

  open(territoryId: string): void {
    this.territoryId = territoryId;
    this.linkBox.hidden = true;
    this.status.textContent = '';
    this.problem.textContent = '';
    void this.load();
  }

  close(): void {}

  private renderWords(): void {
    const t = this.deps.locale.t;
    for (const [element, key] of this.words) element.textContent = t(key);
    this.linkLabel.textContent = t('members.link');
    this.renderLists();
  }

  private async load(): Promise<void> {
    const { api } = this.deps;
    const id = this.territoryId;
    await this.attempt(async () => {
      const [setting, registrations, drives, members] = await Promise.all([
        api.get<RegistrationSetting>(`/api/territories/${id}/registration`),
        api.get<RegistrationView[]>(`/api/territories/${id}/registrations`),
        api.get<DriveRequestView[]>(`/api/territories/${id}/drive-requests`),
        api.get<MemberView[]>(`/api/territories/${id}/members`),
      ]);
      if (id !== this.territoryId) return;
      this.openRegistration.checked = setting.open;
      this.pendingRegistrations = registrations;
      this.pendingDrives = drives;
      this.members = members;
      this.renderLists();
      this.element.dataset.state = 'ready';
    });
  }

  /** Runs an API call, showing its failure in the section's alert. */
  private async attempt(work: () => Promise<void>): Promise<void> {
    this.problem.textContent = '';
    try {
      await work();
    } catch (failure) {
      this.status.textContent = '';
      this.problem.textContent = errorText(failure, this.deps.locale);
    }
  }

  private async invite(): Promise<void> {
    await this.attempt(async () => {
      const view = await this.deps.api.post<MembershipLinkView>('/api/invitations', {
        territoryId: this.territoryId,
      });
      this.showLink(view, 'members.inviteExpires');
      this.status.textContent = this.deps.locale.t('members.invited');
    });
  }

  private showLink(view: MembershipLinkView, expiry: MessageKey): void {
    this.link.value = new URL(view.path, location.origin).href;
    this.linkExpiry.textContent = this.deps.locale.t(expiry, { at: this.when(view.expiresAt) });
    this.linkBox.hidden = false;
    this.link.focus();
    this.link.select();
  }

  private async setRegistration(): Promise<void> {
    const open = this.openRegistration.checked;
    await this.attempt(async () => {
      await this.deps.api.send('PUT', `/api/territories/${this.territoryId}/registration`, { open });
      this.status.textContent = this.deps.locale.t(
        open ? 'members.registrationOpened' : 'members.registrationClosed',
      );
    });
  }

  private renderLists(): void {
    const t = this.deps.locale.t;
    this.registrations.replaceChildren(
      ...(this.pendingRegistrations.length
        ? this.pendingRegistrations.map((r) =>
            this.requestItem(
              r.id,
              `${r.displayName} · ${r.email}`,
              t('members.askedOn', { at: this.when(r.createdAt) }),
              `/api/registrations/${r.id}/decision`,
            ),
          )
        : [h('li', { class: 'small' }, t('members.noRegistration'))]),
    );
    this.driveRequests.replaceChildren(
      ...(this.pendingDrives.length
        ? this.pendingDrives.map((d) =>
            this.requestItem(
              d.id,
              d.memberName,
              [
                t('members.vehicle', {
                  label: d.label,
                  seats: d.seats,
                  wheelchair: d.wheelchairPlaces,
                  cargo: d.cargoUnits,
                }),
                t('members.availability', { slots: this.slots(d) }),
              ].join(' '),
              `/api/drive-requests/${d.id}/decision`,
            ),
          )
        : [h('li', { class: 'small' }, t('members.noDriveRequest'))]),
    );
    this.memberRows.replaceChildren(...this.members.map((m) => this.memberRow(m)));
  }

  /** A pending request with a reason field and approve / refuse buttons. */
  private requestItem(id: string, who: string, detail: string, decisionPath: string): HTMLLIElement {
    const t = this.deps.locale.t;
    const reasonId = `reason-${id}`;
    const reason = h('input', { id: reasonId, 'data-testid': 'request-reason' });
    const approve = h('button', { type: 'button', 'data-testid': 'request-approve' }, t('members.approve'));
    const refuse = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'request-refuse' },
      t('members.refuse'),
    );
    const decide = (yes: boolean) =>
      void this.attempt(async () => {
        const text = reason.value.trim();
        await this.deps.api.post(decisionPath, { approve: yes, ...(text ? { reason: text } : {}) });
        this.status.textContent = t(yes ? 'members.approved' : 'members.refused', { name: who });
        await this.load();
      });
    approve.addEventListener('click', () => decide(true));
    refuse.addEventListener('click', () => decide(false));
    return h(
      'li',
      { class: 'request', 'data-testid': 'request', 'data-id': id },
      h('p', { class: 'strong' }, who),
      h('p', { class: 'small' }, detail),
      h('div', { class: 'field' }, h('label', { for: reasonId }, t('members.decisionReason')), reason),
      h('div', { class: 'buttons' }, approve, refuse),
    );
  }

  private memberRow(member: MemberView): HTMLLIElement {
    const t = this.deps.locale.t;
    const actions = roleActions(member, this.territoryId).map((action) => {
      const button = h(
        'button',
        { type: 'button', class: 'secondary', 'data-testid': `role-${action.kind}-${action.role}` },
        t(action.label),
      );
      button.addEventListener('click', () => void this.changeRole(member, action));
      return button;
    });
    const reset = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'member-reset' },
      t('members.resetLink'),
    );
    reset.addEventListener('click', () => void this.issueReset(member));
    const coordinates = member.coordinatedTerritoryIds.includes(this.territoryId);
    return h(
      'li',
      { class: 'member', 'data-testid': 'member', 'data-id': member.id },
      h('p', { class: 'strong' }, member.displayName),
      h('p', { class: 'small' }, member.email),
      h(
        'p',
        { 'data-testid': 'member-role' },
        t(`members.role.${member.role}`),
        coordinates && member.role !== 'admin' ? ` · ${t('members.coordinatesHere')}` : '',
      ),
      h('div', { class: 'buttons' }, ...actions, reset),
    );
  }

  private async changeRole(member: MemberView, action: RoleAction): Promise<void> {
    const { locale } = this.deps;
    const reason = this.reason.value.trim();
    if (!reason) {
      this.problem.textContent = locale.t('members.reasonNeeded');
      this.reason.focus();
      return;
    }
    await this.attempt(async () => {
      const path = `/api/members/${member.id}/roles${action.kind === 'withdraw' ? '/withdrawal' : ''}`;
      await this.deps.api.post(path, { role: action.role, territoryId: this.territoryId, reason });
      this.status.textContent = locale.t('members.roleChanged', { name: member.displayName });
      this.reason.value = '';
      await this.load();
    });
  }

  private async issueReset(member: MemberView): Promise<void> {
    await this.attempt(async () => {
      const view = await this.deps.api.post<MembershipLinkView>(`/api/members/${member.id}/reset-links`, {
        territoryId: this.territoryId,
      });
      this.showLink(view, 'members.resetExpires');
      this.status.textContent = this.deps.locale.t('members.resetIssued', { name: member.displayName });
    });
  }

  private when(iso: string): string {
    return new Intl.DateTimeFormat(this.deps.locale.formatLocale, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  /** Weekly slots as "Mon 09:00–12:00, …" in the interface language. */
  private slots(request: DriveRequestView): string {
    const day = new Intl.DateTimeFormat(this.deps.locale.formatLocale, { weekday: 'short', timeZone: 'UTC' });
    // 1 January 2024 was a Monday: day 0.
    return request.weeklyAvailability
      .map((s) => `${day.format(new Date(Date.UTC(2024, 0, 1 + s.day)))} ${s.from}–${s.to}`)
      .join(', ');
  }
}
