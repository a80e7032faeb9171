import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure builders, mocks, wasm policies; seconds) and
// `integration` (the real pulumi CLI against the embedded cluster; minutes).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "components/**/*.test.ts",
            "policies/**/*.test.ts",
            "test/unit/**/*.test.ts",
            "stacks/**/*.test.ts",
          ],
          environment: "node",
          testTimeout: 20_000,
          // Files share a worker's module cache: @pulumi/aws and friends load once per worker, not
          // once per file (about 21 s instead of 50 s). Safe because Pulumi mocks are process-wide
          // anyway and test/helpers/mocks.ts routes each registration to the recorder that saw it.
          isolate: false,
          // Compiles policies/**/*.rego to policies/dist/policy.wasm (scripts/build-policies).
          globalSetup: ["policies/test/global-setup.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
