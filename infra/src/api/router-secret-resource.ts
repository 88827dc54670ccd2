import {
  ROUTER_SECRET_GENERATION,
  ROUTER_SECRET_LENGTH,
  ROUTER_SECRET_LINK,
} from './router-secret.js';

/** The generated secret and the link that hands it to the API. */
export interface RouterSecret {
  /** The secret (a Pulumi secret: kept encrypted in the stage's state, never printed). */
  value: $util.Output<string>;
  link: sst.Linkable<{ value: $util.Output<string> }>;
}

/**
 * Generates the secret that tells the API a request came through the Router: the Router sends
 * it as an origin custom header (which CloudFront sets itself, over any header of that name a
 * viewer sent, and which no viewer sees), and the API trusts `CloudFront-Viewer-Address` only
 * on requests that carry it. Generated once per stage and kept in its state, so nobody has to
 * set it; created in the shared unit (`parent`), as both the site's unit (the Router) and the
 * API's unit read it.
 *
 * It reaches the function only through its SST link, which SST encrypts into the function's
 * bundle, never through an environment variable, which anyone allowed to read the function's
 * configuration sees.
 */
export async function createRouterSecret(options: {
  parent?: $util.Resource;
}): Promise<RouterSecret> {
  // Loaded here, not imported at the top: SST bundles sst.config.ts with npm packages left
  // to Node and evaluates app() before `sst install` has put @pulumi/random in the platform,
  // so a static import (hoisted into the bundle's top) fails on a fresh clone.
  const { RandomPassword } = await import('@pulumi/random');
  const password = new RandomPassword(
    'RouterSecretValue',
    {
      length: ROUTER_SECRET_LENGTH,
      special: false,
      keepers: { generation: ROUTER_SECRET_GENERATION },
    },
    // `result` is secret in the random provider's schema; said here too, so that it stays
    // secret whatever the provider's version.
    { parent: options.parent, additionalSecretOutputs: ['result'] },
  );
  const value = $util.secret(password.result);
  const link = new sst.Linkable(ROUTER_SECRET_LINK, { properties: { value } });
  return { value, link };
}
