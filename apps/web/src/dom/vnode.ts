// A tiny element tree that both the browser (toDom) and the build (toHtml) turn into markup.
// Pages are described once; untrusted text only ever becomes text, never markup.

import { isSafeHref } from '../url/safe-url.js';

/** A child of an element: another element, text, or nothing (skipped). */
export type Child = VNode | string | number | null | undefined | false;

/** An element: its tag, attributes and children. */
export interface VNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly Child[];
}

const TAG = /^[a-z][a-z0-9]*$/;
// Event handlers and inline styles are refused outright: the CSP forbids both anyway.
const ATTR = /^(?!on)(?!style$)[a-z][a-z0-9-]*$/;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

/**
 * Builds an element. Attribute values that are `undefined` or `false` are left out, `true`
 * becomes an empty (boolean) attribute.
 *
 * @example
 * h('a', { href: 'https://example.blog', rel: 'nofollow ugc noopener' }, 'example.blog');
 */
export function h(
  tag: string,
  attrs: Record<string, string | number | boolean | undefined> | null = null,
  ...children: Child[]
): VNode {
  if (!TAG.test(tag)) throw new TypeError(`h(): bad tag name ${JSON.stringify(tag)}`);
  const clean: Record<string, string> = {};
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === false) continue;
      checkAttribute(name, value === true ? '' : String(value));
      clean[name] = value === true ? '' : String(value);
    }
  }
  return { tag, attrs: clean, children };
}

/** Throws for attribute names or URL values that must never reach markup. */
export function checkAttribute(name: string, value: string): void {
  if (!ATTR.test(name))
    throw new TypeError(`h(): attribute ${JSON.stringify(name)} is not allowed`);
  if (URL_ATTRS.has(name) && !isSafeHref(value)) {
    throw new TypeError(`h(): unsafe URL in ${name}: ${JSON.stringify(value.slice(0, 80))}`);
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'col', 'source']);

/** Serialises a tree to HTML, escaping every text and attribute value. Used at build time. */
export function toHtml(node: Child): string {
  if (node === null || node === undefined || node === false) return '';
  if (typeof node === 'string' || typeof node === 'number') return escapeHtml(String(node));
  let out = `<${node.tag}`;
  for (const [name, value] of Object.entries(node.attrs)) {
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  out += '>';
  if (VOID.has(node.tag)) return out;
  for (const child of node.children) out += toHtml(child);
  return `${out}</${node.tag}>`;
}

/** Plain text of a tree, as `textContent` would give it. */
export function toText(node: Child): string {
  if (node === null || node === undefined || node === false) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  return node.children.map(toText).join('');
}
