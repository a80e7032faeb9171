import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedChartSource, type Values } from "./chart";
import { fixChartObject, isAwaited, type ObjectPatch, READY_TIMEOUT } from "./chart-objects";

/** A chart ready to install: where it comes from, its release name, namespace and merged values. */
export interface ChartInstall {
  readonly source: ResolvedChartSource;
  readonly release: string;
  readonly namespace: string;
  readonly values: Values;
  /** Changes to rendered objects that the chart has no value for. */
  readonly patches?: readonly ObjectPatch[];
}

/**
 * Installs a chart with `kubernetes.helm.v4.Chart`, so every rendered object is
 * a Pulumi resource that shows up in previews and passes through the policy pack.
 * Each rendered object goes through `fixChartObject` (cluster-scoped objects lose a
 * stray namespace; the install's patches apply), and objects the provider awaits
 * fail after READY_TIMEOUT with the provider's reason instead of Pulumi's 10 minutes.
 */
export function installChart(
  childName: string,
  install: ChartInstall,
  opts: pulumi.ComponentResourceOptions,
): k8s.helm.v4.Chart {
  const { source } = install;
  return new k8s.helm.v4.Chart(
    childName,
    {
      chart: source.chart,
      ...(source.version ? { version: source.version } : {}),
      ...(source.repositoryOpts ? { repositoryOpts: { repo: source.repositoryOpts.repo } } : {}),
      name: install.release,
      namespace: install.namespace,
      values: install.values,
    },
    { ...opts, transforms: [...(opts.transforms ?? []), chartObjectTransform(install.patches ?? [])] },
  );
}

/**
 * The resource transform of a chart's objects: `fixChartObject`, the ready
 * timeout on awaited kinds, and delete-before-replace on every object. A chart
 * names its objects, so a replacement (an immutable field changed, e.g. a
 * StatefulSet's volumeClaimTemplates) cannot create the new one beside the old.
 */
export function chartObjectTransform(patches: readonly ObjectPatch[]): pulumi.ResourceTransform {
  return ({ type, props, opts }) => {
    if (!type.startsWith("kubernetes:") || type === CHART_TYPE) return undefined;
    const fixed = fixChartObject(type, props as Values, patches);
    // A chart's children arrive with empty timeouts (the message is always set).
    const awaited = isAwaited(type) && !opts.customTimeouts?.create && !opts.customTimeouts?.update;
    return {
      props: fixed ?? props,
      opts: {
        ...opts,
        deleteBeforeReplace: true,
        ...(awaited ? { customTimeouts: { create: READY_TIMEOUT, update: READY_TIMEOUT } } : {}),
      },
    };
  };
}

const CHART_TYPE = "kubernetes:helm.sh/v4:Chart";

/** Reports weakenings as preview warnings on the component and returns them as an output. */
export function reportWeakenings(
  weakenings: readonly string[],
  resource: pulumi.Resource,
): pulumi.Output<string[]> {
  for (const w of weakenings) pulumi.log.warn(`security weakened: ${w}`, resource);
  return pulumi.output([...weakenings]);
}
