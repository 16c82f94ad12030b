/** Where the driver's choice is kept, on this device. */
const SETTING_KEY = 'navette.driver.offerAlerts';

/** The driver's setting: sound and vibration for offers; on unless they turned it off. */
export function loadOfferAlerts(storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  return storage.getItem(SETTING_KEY) !== 'off';
}

export function saveOfferAlerts(on: boolean, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(SETTING_KEY, on ? 'on' : 'off');
}

/** Two short tones, as [frequency Hz, start s, length s]: heard over traffic, not alarming. */
const TONES: readonly [number, number, number][] = [
  [880, 0, 0.18],
  [1175, 0.25, 0.18],
];
/** Buzz, pause, buzz, in ms (`navigator.vibrate`). */
const VIBRATION = [200, 100, 200];

/**
 * Tells the driver an offer came: two tones drawn with the Web Audio API (no sound file to fetch)
 * and a vibration. A browser cannot read the phone's silent switch, so the driver's own setting
 * decides; Chrome on Android does not vibrate a silent phone anyway. A browser plays sound only after
 * a tap on the page: `unlock` is called on the driver's first tap (Start shift, or any tap after a
 * reload).
 */
export class OfferAlert {
  private context: AudioContext | null = null;

  /** Creates or resumes the audio context; must run inside a tap's handler. */
  unlock(): void {
    if (typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
  }

  /** Plays the tones and vibrates; returns what it did, for the page's record. */
  ring(): { sound: boolean; vibration: boolean } {
    const vibration = typeof navigator.vibrate === 'function' && navigator.vibrate(VIBRATION);
    const context = this.context;
    if (!context || context.state !== 'running') return { sound: false, vibration };
    const start = context.currentTime;
    for (const [frequency, at, length] of TONES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + at);
      gain.gain.exponentialRampToValueAtTime(0.4, start + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + at + length);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + at);
      oscillator.stop(start + at + length + 0.02);
    }
    return { sound: true, vibration };
  }
}
