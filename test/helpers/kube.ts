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
