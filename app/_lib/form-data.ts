/**
 * What a server action received as its form. Anyone can call an action with a forged request
 * and arbitrary arguments, not only the page's form: anything but FormData reads as an empty
 * form, which the action's validation then refuses in French.
 */
export function formDataOf(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}
