/**
 * Renders a chart with `helm template`, as Cairn would install it: the component's
 * release name, namespace and values, CRDs included, for a given Kubernetes version.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { type ChartInstall } from "../../components/shared/workload";

/** The Kubernetes version charts are rendered for (`helm template --kube-version`). */
export const KUBE_VERSION = "1.35.0";

/** One object of the rendered output, with the template it came from. */
export interface RenderedObject {
  /** The `# Source:` of its document, e.g. `consul/templates/server-statefulset.yaml`. */
  readonly source: string;
  readonly object: Record<string, unknown>;
}

/** Helm could not render the chart (a template error, a values.schema.json violation, a missing subchart). */
export class RenderError extends Error {}

/**
 * Splits `helm template` output into its objects: each document keeps the last
 * `# Source:` line seen, empty documents are dropped and `List` kinds are expanded
 * (as the Kubernetes provider does when it registers a chart's objects).
 */
export function parseRendered(text: string): RenderedObject[] {
  const out: RenderedObject[] = [];
  let source = "";
  for (const doc of parseAllDocuments(text)) {
    const comment = `${doc.commentBefore ?? ""}\n${doc.contents?.commentBefore ?? ""}`;
    const m = /(?:^|\n)\s*Source: (\S+)/.exec(comment);
    if (m) source = m[1];
    if (doc.errors.length > 0) throw new RenderError(`helm template output: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
    const object = value as Record<string, unknown>;
    if (typeof object.kind === "string" && object.kind.endsWith("List") && Array.isArray(object.items)) {
      for (const item of object.items as unknown[]) {
        if (item && typeof item === "object") out.push({ source, object: item as Record<string, unknown> });
      }
      continue;
    }
    out.push({ source, object });
  }
  return out;
}

/** The environment helm runs in: its cache, config and data under Cairn's cache, never the user's. */
function helmEnv(): NodeJS.ProcessEnv {
  const home = path.join(process.env.CAIRN_CACHE ?? path.join(os.homedir(), ".cache", "cairn"), "helm");
  return {
    ...process.env,
    HELM_CACHE_HOME: path.join(home, "cache"),
    HELM_CONFIG_HOME: path.join(home, "config"),
    HELM_DATA_HOME: path.join(home, "data"),
  };
}

/** `helm version --short` of the binary, e.g. `v3.18.6`. */
export function helmVersion(helm: string): string {
  return execFileSync(helm, ["version", "--short"], { encoding: "utf8", env: helmEnv() })
    .trim()
    .replace(/\+.*$/, "");
}

/** Renders a local chart as Cairn installs it, hooks and CRDs included. */
export function helmTemplate(
  helm: string,
  install: ChartInstall,
  kubeVersion = KUBE_VERSION,
): RenderedObject[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-charts-"));
  try {
    const values = path.join(tmp, "values.json");
    fs.writeFileSync(values, JSON.stringify(install.values));
    const args = [
      "template",
      install.release,
      install.source.chart,
      "--namespace",
      install.namespace,
      "--kube-version",
      kubeVersion,
      "--include-crds",
      "--values",
      values,
    ];
    let out: string;
    try {
      out = execFileSync(helm, args, {
        encoding: "utf8",
        env: helmEnv(),
        maxBuffer: 256 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new RenderError(
        `helm ${args.slice(0, 3).join(" ")} failed: ${(err.stderr || err.message).trim()}`,
      );
    }
    return parseRendered(out);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
