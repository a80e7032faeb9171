import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { type ConfigSources } from "../../components/platform";
import { TEST_KUBECONFIG } from "../cases/stack-config.cases";

const STACKS_DIR = path.resolve(__dirname, "../../stacks");

/** A stack file's `cairn:` keys without the namespace, as the program reads them. */
export function cairnConfig(file: string): Record<string, unknown> {
  const doc = parseYaml(fs.readFileSync(path.join(STACKS_DIR, file), "utf8")) as {
    config?: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(doc.config ?? {}).map(([key, value]) => [key.replace(/^cairn:/, ""), value]),
  );
}

/** What the stack files read: the embedded cluster's kubeconfig and the secrets they document. */
export const stackSources: ConfigSources = {
  readFile: (file) => (file === "/embedded/kubeconfig" ? TEST_KUBECONFIG : fs.readFileSync(file, "utf8")),
  env: (name) => (name === "KUBECONFIG_CAIRN" ? "/embedded/kubeconfig" : undefined),
  // Secret keys the stacks document (`pulumi config set --secret ...`).
  secret: (key) =>
    key === "onpremKubeconfig"
      ? pulumi.secret(TEST_KUBECONFIG)
      : key === "consulGossipKey"
        ? pulumi.secret("c2l4dGVlbi1ieXRlcy1vZi1rZXktbWF0ZXJpYWwhISE=")
        : undefined,
};
