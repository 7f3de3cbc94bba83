const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * The elements Tab visits inside `root`, in order. A radio group is one stop (its checked
 * radio, or its first when none is checked), as browsers do; hidden and inert parts are out.
 */
export function tabbables(root: HTMLElement): HTMLElement[] {
  const seenGroups = new Set<string>();
  const all = [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.closest('[hidden], [inert]') === null && el.tabIndex >= 0,
  );
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || el.name === '') return true;
    if (seenGroups.has(el.name)) return false;
    const group = all.filter(
      (other): other is HTMLInputElement =>
        other instanceof HTMLInputElement && other.type === 'radio' && other.name === el.name,
    );
    const stop = group.find((radio) => radio.checked) ?? group[0];
    if (stop !== el) return false;
    seenGroups.add(el.name);
    return true;
  });
}

/** Whether Enter in this element should confirm its dialog (not activate or type). */
export function enterConfirms(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement) return false;
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return false;
  if (target instanceof HTMLInputElement) {
    return !['button', 'submit', 'reset', 'file', 'image'].includes(target.type);
  }
  if (target instanceof HTMLSelectElement) return true;
  // A widget with its own Enter (a tree item, a tab) decides itself.
  const role = target.getAttribute('role');
  return role === null || role === 'dialog' || role === 'alertdialog';
}
