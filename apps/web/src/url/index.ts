export { isSafeHref, OWNER_LINK_REL, ownerLink, resolveHttpUrl } from './safe-url.js';
