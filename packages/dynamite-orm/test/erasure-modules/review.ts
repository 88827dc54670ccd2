// Every social-graph table: settings is declared none, so the verdict is "needs review".
export { tables } from '../social.js';
