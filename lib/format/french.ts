/**
 * Small rules of written French the interface must follow wherever it builds a sentence:
 * elision before a vowel, and waiting times a reader can take in at a glance.
 */

// Vowels, accented or not, and y ("d’Yves"); a name starting with h is left alone, since
// whether it elides (d’Hélène, de Hugo) depends on the name.
const vowelStart = /^[aeiouyàâäéèêëîïôöùûüÿæœ]/i;

/** « de » before a name, elided before a vowel: « Rôle de Bruno », « Rôle d’Anne ». */
export function ofName(name: string): string {
  return vowelStart.test(name.trimStart()) ? `d’${name.trimStart()}` : `de ${name}`;
}

const nbsp = "\u00a0";

/**
 * A wait as people say it: seconds under a minute, minutes (rounded up) under two hours, then
 * hours: « 45 secondes », « 3 min », « 2 h ». A short wait is never rounded down to zero.
 */
export function waitLabel(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return `${whole}${nbsp}seconde${whole > 1 ? "s" : ""}`;
  const minutes = Math.ceil(whole / 60);
  if (minutes < 120) return `${minutes}${nbsp}min`;
  return `${Math.ceil(minutes / 60)}${nbsp}h`;
}
