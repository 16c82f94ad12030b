// The period picker the fairness report and the exports share (../period-picker.ts).
export const en = {
  'period.from': 'First day',
  'period.to': 'Last day',
  'period.apply': 'Show this period',
};

export const fr: Record<keyof typeof en, string> = {
  'period.from': 'Premier jour',
  'period.to': 'Dernier jour',
  'period.apply': 'Afficher cette période',
};
