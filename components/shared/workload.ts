import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedChartSource, type Values } from "./chart";

/** A chart ready to install: where it comes from, its release name, namespace and merged values. */
export interface ChartInstall {
  readonly source: ResolvedChartSource;
  readonly release: string;
  readonly namespace: string;
  readonly values: Values;
}

/**
 * Installs a chart with `kubernetes.helm.v4.Chart`, so every rendered object is
 * a Pulumi resource that shows up in previews and passes through the policy pack.
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
    opts,
  );
}

/** Reports weakenings as preview warnings on the component and returns them as an output. */
export function reportWeakenings(
  weakenings: readonly string[],
  resource: pulumi.Resource,
): pulumi.Output<string[]> {
  for (const w of weakenings) pulumi.log.warn(`security weakened: ${w}`, resource);
  return pulumi.output([...weakenings]);
}
