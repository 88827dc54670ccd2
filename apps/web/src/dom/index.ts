export { byId, renderInto, toDom } from './to-dom.js';
export type { Child, VNode } from './vnode.js';
export { checkAttribute, escapeHtml, h, toHtml, toText } from './vnode.js';
