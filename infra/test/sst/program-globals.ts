// The globals SST's CLI gives the bundled sst.config.ts besides its shim and the `define`d
// `$app`, `$cli` and `$dev` (pkg/project/run.go): `aws`, the provider, and `sst`, the
// platform's components. The program's entry imports this module first; the components
// only reach these names when they run, so globals set here are in place by then.
import * as aws from '@pulumi/aws';
import * as sst from '../../.sst/platform/src/components/index.js';

Object.assign(globalThis, { aws, sst });
