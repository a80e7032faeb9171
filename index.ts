import { loadPlatformConfig, Platform } from "./components/platform";

// The whole platform comes from the stack's `cairn:` config (stacks/Pulumi.<stack>.yaml),
// validated before any resource is registered. See docs/stacks.md.
const platform = new Platform("platform", loadPlatformConfig());

/** Per cluster: cloud, endpoint, Kubernetes version, posture, namespaces, workload endpoints, weakenings. */
export const clusters = platform.clusters;
/** Per cluster: its kubeconfig (a secret: `pulumi stack output kubeconfigs --show-secrets`). */
export const kubeconfigs = platform.kubeconfigs;
