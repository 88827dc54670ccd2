// The pages whose content is static HTML (Symmetries, How it works, the 404 page): their only
// script points the snapshot link at the snapshot config.json names.
import { loadConfig } from '../config/load.js';
import { followConfig } from './common.js';

void loadConfig().then(followConfig);
