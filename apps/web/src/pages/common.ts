// Small browser helpers shared by the page scripts.

import type { SiteConfig } from '../config/config.js';
import { siteRoot } from '../config/load.js';
import type { FieldProblem } from '../join/compute.js';

/** Shows the parts of a page that only work with JavaScript (marked `data-scripted hidden`). */
export function revealScripted(): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-scripted]')) {
    element.hidden = false;
  }
}

/**
 * Marks each field with its first problem (`aria-invalid` and the text of its
 * `#<id>-error` element, which the field names in `aria-describedby`), or clears it.
 * Fields in `quiet` are cleared without being marked: nobody has typed in them yet.
 */
export function showFieldProblems(
  fields: Record<FieldProblem['field'], HTMLElement>,
  problems: readonly FieldProblem[],
  quiet: ReadonlySet<string> = new Set(),
): void {
  for (const [field, element] of Object.entries(fields)) {
    const problem = quiet.has(field) ? undefined : problems.find((p) => p.field === field);
    const error = document.getElementById(`${element.id}-error`);
    if (problem) element.setAttribute('aria-invalid', 'true');
    else element.removeAttribute('aria-invalid');
    if (error) {
      error.textContent = problem?.message ?? '';
      error.hidden = !problem;
    }
  }
}

/** Wires every `button[data-copy]` under `root` to copy its `data-copy` value. */
export function enableCopyButtons(root: HTMLElement, announce: HTMLElement): void {
  root.addEventListener('click', async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-copy]');
    if (!button) return;
    const value = button.dataset.copy ?? '';
    try {
      await navigator.clipboard.writeText(value);
      announce.textContent = `Copied ${value}`;
      const label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(() => {
        button.textContent = label;
      }, 1500);
    } catch {
      // No clipboard (an insecure origin, or permission refused): select the text instead.
      const target = button.dataset.copyTarget
        ? document.getElementById(button.dataset.copyTarget)
        : null;
      if (target) {
        const range = document.createRange();
        range.selectNodeContents(target);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
      announce.textContent =
        'Copying is not available here; the text is selected, press Ctrl+C (⌘C) to copy.';
    }
  });
}

/**
 * Points the page's snapshot links (`data-snapshot-link`, the footer's among them) at the
 * snapshot `config.json` names, so the link and the member list read the same file.
 */
export function followConfig(config: SiteConfig): void {
  const root = siteRoot();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-snapshot-link]')) {
    link.href = config.snapshotUrl;
    // Shown as configured: relative to the site when it is on the site, the whole URL if not.
    link.textContent = config.snapshotUrl.startsWith(root)
      ? config.snapshotUrl.slice(root.length)
      : config.snapshotUrl;
  }
}

/**
 * Keeps `button` off for `seconds` (a 429's or 503's `Retry-After`), and returns when it comes
 * back on, as a time in milliseconds; 0 seconds leaves it as it is.
 */
export function holdButton(button: HTMLButtonElement, seconds: number): number {
  if (seconds <= 0) return 0;
  button.disabled = true;
  setTimeout(() => {
    button.disabled = false;
  }, seconds * 1000);
  return Date.now() + seconds * 1000;
}
