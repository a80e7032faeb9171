import type * as pulumi from "@pulumi/pulumi";
import { CairnInputError } from "./errors";

/**
 * The provider a component's children use. Cairn never falls back to an
 * ambient default provider: in a multi-cloud program that would deploy to
 * whichever cluster or account the environment happens to point at.
 */
export function requireProvider(
  opts: pulumi.ComponentResourceOptions | undefined,
  pkg: string,
  where: string,
): pulumi.ProviderResource {
  const provider = opts?.provider ?? providerFromMap(opts?.providers, pkg);
  if (!provider) {
    throw new CairnInputError(
      where,
      "opts.provider",
      undefined,
      `A ${pkg} provider is required: pass { provider } (for example a cluster component's provider) so the target is explicit.`,
    );
  }
  return provider;
}

function providerFromMap(
  providers: pulumi.ComponentResourceOptions["providers"],
  pkg: string,
): pulumi.ProviderResource | undefined {
  // Only the map form names packages without reaching into SDK internals.
  if (!providers || Array.isArray(providers)) return undefined;
  return (providers as Record<string, pulumi.ProviderResource>)[pkg];
}
