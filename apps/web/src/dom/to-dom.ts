import type { Child } from './vnode.js';

/**
 * Turns a tree into DOM nodes. Text goes in as text nodes and attributes through
 * `setAttribute` (already checked by `h`), so no string is ever parsed as HTML.
 */
export function toDom(node: Child, doc: Document = document): Node {
  if (node === null || node === undefined || node === false) return doc.createTextNode('');
  if (typeof node === 'string' || typeof node === 'number') return doc.createTextNode(String(node));
  const element = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, value);
  for (const child of node.children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(toDom(child, doc));
  }
  return element;
}

/** Replaces the children of `parent` with the rendered `nodes`. */
export function renderInto(parent: Element, ...nodes: Child[]): void {
  const fragment = parent.ownerDocument.createDocumentFragment();
  for (const node of nodes) {
    if (node === null || node === undefined || node === false) continue;
    fragment.append(toDom(node, parent.ownerDocument));
  }
  parent.replaceChildren(fragment);
}

/** The element with `id`, or a clear error naming the page that lacks it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`this page has no element #${id}`);
  return element as T;
}
