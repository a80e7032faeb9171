import { spawn } from "child_process";
import * as k8s from "@kubernetes/client-node";
import { kubeconfigPath } from "./engine";

/** API clients for the embedded cluster. */
export function kubeClients() {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath());
  return {
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    networking: kc.makeApiClient(k8s.NetworkingV1Api),
    objects: k8s.KubernetesObjectApi.makeApiClient(kc),
  };
}

/** Whether a read failed because the object does not exist. */
export function isNotFound(error: unknown): boolean {
  return (error as { code?: number }).code === 404;
}

/** kubectl on the embedded cluster, `input` on stdin; throws with its output unless it exits 0. */
export async function kubectl(args: readonly string[], input: string): Promise<void> {
  const child = spawn("kubectl", ["--kubeconfig", kubeconfigPath(), ...args], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  child.stdin.end(input);
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? -1));
  });
  if (code !== 0) throw new Error(`kubectl ${args.join(" ")} exited ${code}: ${out}`);
}
