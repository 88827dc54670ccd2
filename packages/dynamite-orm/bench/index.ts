// `pnpm bench`: every benchmark of the package, one after the other, each printing absolute
// figures and its ratio against a baseline measured in the same run.
import { runEntitiesBench } from './entities.js';
import { runMarshalBench } from './marshal.js';
import { machine } from './measure.js';
import { runPolicyBench } from './policy.js';
import { runReadUnitsBench } from './reads.js';
import { runTypesBench } from './types.js';

console.log(`dynamite-orm bench on ${machine()}`);
await runMarshalBench();
await runEntitiesBench();
await runPolicyBench();
await runReadUnitsBench();
await runTypesBench();
