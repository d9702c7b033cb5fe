// text stage: masking of personal data. Every snippet, message and log line that may carry personal data goes
// through here, so the product never becomes a second leak.

/** 330102********1234 for an 18-digit ID, 330102*****123 for a 15-digit one. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** 138****1234 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** 6222 **** **** 1234 style, without the spaces: 6222***********1234. */
export function maskBankCard(card: string): string {
  const digits = card.replace(/\D/g, '');
  if (digits.length < 10) return '*'.repeat(digits.length);
  return digits.slice(0, 4) + '*'.repeat(digits.length - 8) + digits.slice(-4);
}

// Long digit runs (optionally grouped by single spaces or hyphens, as card numbers are written), with an optional
// trailing X of an ID number. Shorter runs (dates, amounts, landlines with area codes) are left alone.
const LONG_RUN = /(?<![0-9A-Za-z])(?:\d[ -]?){10,22}\d[Xx]?(?![0-9A-Za-z])/g;

/**
 * Masks every digit run that could be personal data: 11-digit mobile-like runs, 15/18-digit ID-like runs and
 * 15–23-digit card-like runs (landlines with area codes, 12 digits, stay readable). Errs on the side of masking (a masked serial number costs nothing).
 */
export function maskText(text: string): string {
  return text.replace(LONG_RUN, (run) => {
    const digits = run.replace(/[ -]/g, '');
    if (/^1[3-9]\d{9}$/.test(digits)) return maskPhone(digits);
    if (/^\d{17}[\dXx]$/.test(digits) || /^\d{15}$/.test(digits)) return maskIdNumber(digits);
    if (digits.length >= 15) return maskBankCard(digits);
    return run;
  });
}

/** Pino `redact`-style serializer for log objects: masks personal data in every string value. */
export function maskValue<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskValue(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v)])) as T;
  }
  return value;
}
