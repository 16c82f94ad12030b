import type {
  LngLat,
  MyRotaPlanView,
  RotaOccurrenceView,
  RotaPromoted,
  RotaReminder,
  RotaSignupView,
} from '@navette/contracts';
import {
  ApiError,
  connectRealtime,
  errorText,
  type ApiClient,
  type NavetteSocket,
  type Store,
} from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { MessageKey } from './i18n.js';
import type { RotaState } from './rota-state.js';

/** What the rota needs from the rest of the page. */
export interface RotaEnvironment {
  /** Where the driver stands, to start a scheduled shift (null: unknown). */
  position(): Promise<LngLat | null>;
  /** A shift was started from the rota: the shift card takes over. */
  shiftStarted(): void;
}

/** How often the list and the "start" buttons are refreshed, ms. */
const REFRESH_MS = 60_000;

/**
 * The driver's rota: lists the shifts, signs up, withdraws, swaps, starts a scheduled shift, and
 * hears reminders and promotions (`rota:reminder`, `rota:promoted`) on a socket of its own, so they
 * come off shift too. Writes `RotaState`; the panel draws it.
 */
export class RotaController {
  private socket: NavetteSocket | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly token: string,
    readonly store: Store<RotaState>,
    private readonly locale: Locale,
    private readonly env: RotaEnvironment,
  ) {}

  async open(): Promise<void> {
    await this.reload();
    setInterval(() => {
      this.store.update({ nowMs: Date.now() });
      void this.reload().catch(() => undefined);
    }, REFRESH_MS);
  }

  async reload(): Promise<void> {
    const shifts = await this.api.get<RotaOccurrenceView[]>('/api/rota/shifts?days=14');
    this.store.update({ shifts, nowMs: Date.now() });
  }

  signUp(shift: RotaOccurrenceView, waitlist: boolean): Promise<void> {
    return this.act(async () => {
      await this.api.post<RotaSignupView>(`/api/rota/slots/${shift.slotId}/dates/${shift.date}/signups`, {
        waitlist,
      });
    });
  }

  withdraw(signupId: string): Promise<void> {
    return this.act(async () => {
      const done = await this.api.post<RotaSignupView>(`/api/rota/signups/${signupId}/withdrawal`);
      if (done.late) this.store.update({ notice: this.locale.t('rota.lateWithdrawal') });
    });
  }

  offerPlace(signupId: string): Promise<void> {
    return this.act(async () => {
      await this.api.post(`/api/rota/signups/${signupId}/swaps`, {});
      this.store.update({ notice: this.locale.t('rota.placeOffered') });
    });
  }

  takePlace(swapId: string): Promise<void> {
    return this.act(async () => {
      await this.api.post(`/api/rota/swaps/${swapId}/acceptance`);
    });
  }

  start(signupId: string): Promise<void> {
    return this.act(async () => {
      const position = await this.env.position();
      if (!position) {
        this.store.update({ error: this.locale.t('shift.noPosition') });
        return;
      }
      await this.api.post(`/api/rota/signups/${signupId}/start`, { position });
      this.store.update({ notice: this.locale.t('rota.started') });
      this.env.shiftStarted();
    });
  }

  showStops(date: string): Promise<void> {
    return this.act(async () => {
      const plan = await this.api.get<MyRotaPlanView>(`/api/rota/plan?date=${date}`);
      this.store.update({ stops: { date, stops: plan.stops } });
    }, false);
  }

  /** Runs an action, shows its refusal in the driver's words, then reloads the list. */
  private async act(work: () => Promise<void>, reload = true): Promise<void> {
    this.store.update({ busy: true, error: '', notice: '' });
    try {
      await work();
    } catch (failure) {
      this.store.update({ error: this.refusal(failure) });
    } finally {
      this.store.update({ busy: false });
    }
    if (reload)
      await this.reload().catch((failure: unknown) => this.store.update({ error: this.refusal(failure) }));
  }

  private refusal(failure: unknown): string {
    if (failure instanceof ApiError && failure.body.code === 'VOLUNTEER_LIMIT' && failure.body.field)
      return this.locale.t(`rota.limit.${failure.body.field}` as MessageKey);
    return errorText(failure, this.locale);
  }

  /**
   * Hears reminders and promotions on a socket of its own while `wanted`: off shift. On shift the
   * page's shift socket is the driver's one connection (two sockets of one driver competed when
   * the network came back: the queued position did not reach dispatch), and a driver already on
   * the road needs no reminder.
   */
  listenWhile(wanted: boolean): void {
    if (wanted && !this.socket) this.listen();
    if (!wanted && this.socket) this.close();
  }

  private listen(): void {
    const socket = connectRealtime(this.token);
    this.socket = socket;
    const time = (iso: string) =>
      new Intl.DateTimeFormat(this.locale.formatLocale, { hour: '2-digit', minute: '2-digit' }).format(
        new Date(iso),
      );
    socket.on('rota:reminder', (reminder: RotaReminder) => {
      this.store.update({
        notice: this.locale.t('rota.reminder', {
          territory: reminder.territoryName,
          time: time(reminder.startsAt),
        }),
        nowMs: Date.now(),
      });
    });
    socket.on('rota:promoted', (promoted: RotaPromoted) => {
      const day = new Intl.DateTimeFormat(this.locale.formatLocale, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
      }).format(new Date(promoted.startsAt));
      this.store.update({ notice: this.locale.t('rota.promoted', { day, time: time(promoted.startsAt) }) });
      void this.reload().catch(() => undefined);
    });
  }

  close(): void {
    this.socket?.disconnect();
    this.socket = null;
  }
}
