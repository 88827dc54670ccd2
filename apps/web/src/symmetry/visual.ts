// Pictures of each symmetry, so a visitor sees it rather than reads about it. The pictures
// are decoration (aria-hidden): the hostnames themselves are always listed as text beside
// them. Only CSS classes are used, never inline styles, so the CSP can forbid them.
import type { SymmetryName } from '@symval/attestation/validators';
import { type Child, h, type VNode } from '../dom/vnode.js';

/** Where a string's centre falls: on a character (odd length) or between two (even). */
export type Centre = { kind: 'char'; index: number } | { kind: 'gap'; before: number };

/** The centre of a sequence of `length` items (characters or labels). */
export function centreOf(length: number): Centre {
  return length % 2 === 1
    ? { kind: 'char', index: (length - 1) / 2 }
    : { kind: 'gap', before: length / 2 };
}

/** Splits into user-perceived characters well enough for hostnames (code points). */
export function characters(text: string): string[] {
  return Array.from(text);
}

/** Items in a row with the centre item marked, or an axis drawn between the middle two. */
export function markCentre(items: readonly string[], itemClass: string): Child[] {
  const centre = centreOf(items.length);
  const out: Child[] = [];
  items.forEach((item, index) => {
    if (centre.kind === 'gap' && index === centre.before) out.push(h('span', { class: 'axis' }));
    const isCentre = centre.kind === 'char' && index === centre.index;
    out.push(h('span', { class: isCentre ? `${itemClass} centre` : itemClass }, item));
  });
  return out;
}

/**
 * Two rows laid out column by column (the CSS grid flows by column), so `top[i]` sits above
 * `bottom[i]`; unequal pairs are marked so a broken symmetry shows where it breaks.
 */
export function alignedRows(
  top: readonly string[],
  bottom: readonly string[],
  cellClass: string,
): VNode {
  // The first column says which way each row reads: the second name is laid out from the right.
  const cells: Child[] = [h('span', { class: 'way' }, '→'), h('span', { class: 'way' }, '←')];
  const length = Math.max(top.length, bottom.length);
  for (let i = 0; i < length; i++) {
    const a = top[i] ?? '';
    const b = bottom[i] ?? '';
    const state = a === b ? 'same' : 'differs';
    cells.push(h('span', { class: `${cellClass} ${state}` }, a));
    cells.push(h('span', { class: `${cellClass} ${state}` }, b));
  }
  return h('span', { class: 'rows' }, ...cells);
}

function caption(text: string): VNode {
  return h('span', { class: 'caption' }, text);
}

function labelsOf(hostname: string): string[] {
  return hostname.split('.');
}

function reversed<T>(items: readonly T[]): T[] {
  return [...items].reverse();
}

/** Whether a sequence reads the same from either end. */
export function sameBothWays(items: readonly string[]): boolean {
  return items.every((item, index) => item === items[items.length - 1 - index]);
}

/** A hostname next to a copy of itself turned by CSS (`turned` 180°, `mirrored` left-right). */
function besideTransformed(text: string, transform: 'turned' | 'mirrored', note: string): Child[] {
  return [
    h('span', { class: 'word' }, text),
    h('span', { class: 'arrow' }, transform === 'turned' ? '↻' : '⇋'),
    h('span', { class: `word ${transform}` }, text),
    caption(note),
  ];
}

/**
 * The picture of `hostnames` under the symmetry `name`: for example a palindrome with its
 * centre marked, a 180° flip next to its turned copy, a mirrored pair aligned label by label.
 * Names that do not fit the symmetry still render (with the mismatches marked): the snapshot is
 * untrusted and the picture must never throw.
 *
 * @example
 * toHtml(renderSymmetry('palindrome', ['aba.example'])); // '<span class="visual visual-palindrome" aria-hidden="true">…'
 */
export function renderSymmetry(
  name: SymmetryName | undefined,
  hostnames: readonly string[],
): VNode {
  const [a = '', b = ''] = hostnames;
  const body = ((): Child[] => {
    switch (name) {
      case 'palindrome': {
        // A centre mark says "this reads the same both ways": only for names that do. The
        // snapshot is untrusted, and a stale or hand-edited entry may not.
        const chars = characters(a);
        if (!sameBothWays(chars)) {
          return [
            alignedRows(chars, reversed(chars), 'ch'),
            caption('not a palindrome: read backwards, it differs where marked'),
          ];
        }
        return [
          h('span', { class: 'chars' }, ...markCentre(chars, 'ch')),
          caption('centre marked'),
        ];
      }
      case 'flip180':
        return besideTransformed(a, 'turned', 'turned 180°');
      case 'mirrortext':
        return besideTransformed(a, 'mirrored', 'in a mirror');
      case 'singlemirrornames': {
        const labels = labelsOf(a);
        if (!sameBothWays(labels)) {
          return [
            alignedRows(labels, reversed(labels), 'label'),
            caption('labels do not mirror: read from the right, they differ where marked'),
          ];
        }
        return [
          h('span', { class: 'labels' }, ...markCentre(labels, 'label')),
          caption('labels mirror around the centre'),
        ];
      }
      case 'doubleflip180':
        if (hostnames.length !== 2) break;
        return [
          h('span', { class: 'word' }, a),
          h('span', { class: 'arrow' }, '↻'),
          h('span', { class: 'word turned' }, b),
          caption(`${b} turned 180°`),
        ];
      case 'doublemirrortext':
        if (hostnames.length !== 2) break;
        return [
          h('span', { class: 'word' }, a),
          h('span', { class: 'arrow' }, '⇋'),
          h('span', { class: 'word mirrored' }, b),
          caption(`${b} in a mirror`),
        ];
      case 'mirrornames':
        if (hostnames.length !== 2) break;
        return [
          alignedRows(labelsOf(a), reversed(labelsOf(b)), 'label'),
          caption('second name read label by label from the right'),
        ];
      case 'doublepalindrome':
        if (hostnames.length !== 2) break;
        return [
          alignedRows(characters(a), reversed(characters(b)), 'ch'),
          caption('second name read backwards'),
        ];
    }
    return hostnames.map((hostname) => h('span', { class: 'word' }, hostname));
  })();
  return h('span', { class: `visual visual-${name ?? 'unknown'}`, 'aria-hidden': 'true' }, ...body);
}
