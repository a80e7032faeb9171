import * as path from "node:path";
import { type BadInputCase } from "../helpers/bad-input";

const FIXTURES = path.resolve(__dirname, "../fixtures/charts");

/** Minimal valid Consul args the cases are merged over: the chart from the local fixture mirror. */
export const CONSUL_BASE_ARGS = { chartMirror: FIXTURES };

/** Bad Consul inputs: each must be rejected before anything is registered. */
export const consulBadInputs: readonly BadInputCase<Record<string, unknown>>[] = [
  {
    title: "no servers",
    args: { replicas: 0 },
    argument: "replicas",
    value: "0",
    fix: "3 or 5 for production",
  },
  {
    title: "a storage size that is not a quantity",
    args: { storage: "ten gigs" },
    argument: "storage",
    value: '"ten gigs"',
    fix: "Kubernetes quantity",
  },
  {
    title: "a datacenter name that is not a DNS label",
    args: { datacenter: "DC_1" },
    argument: "datacenter",
    value: '"DC_1"',
    fix: "DNS-1123 label",
  },
  {
    title: "a client namespace that is not a DNS label",
    args: { clientNamespaces: ["Apps"] },
    argument: "clientNamespaces[0]",
    value: '"Apps"',
    fix: "DNS-1123 label",
  },
  {
    title: "a gossip key that is a number",
    args: { gossipKey: 42 },
    argument: "gossipKey",
    value: "42",
    fix: "pulumi.Input<string>",
  },
  {
    title: "a chart version the mirror does not hold",
    args: { chart: { version: "1.0.0" } },
    argument: "chartMirror",
    value: FIXTURES,
    fix: "expected consul 1.0.0",
  },
  {
    title: "an unknown chart override key",
    args: { chart: { vals: {} } },
    argument: "chart",
    value: '{"vals":{}}',
    fix: "Unknown key(s) vals",
  },
  {
    title: "a misspelt argument",
    args: { replica: 3 },
    argument: "args",
    value: '"replica":3',
    fix: "replica",
  },
];
