// symval on AWS. Deploy from this folder: `npx sst deploy --stage production` (see README.md).
//
// SST refuses top-level imports in this file ("has top level imports - this is not
// allowed"): the modules under src/ are loaded inside app() and run().

export default $config({
  async app(input) {
    const { appDefinition } = await import('./src/stage/settings.js');
    return appDefinition(input?.stage);
  },
  async run() {
    const { deployStack } = await import('./src/stack.js');
    return { ...(await deployStack()) };
  },
});
