import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: /.*\.spec\.ts/,
  // PW_OUTPUT_DIR keeps parallel runs (several checkouts or people) from clearing each other's results
  outputDir: process.env.PW_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    // Recording a trace of every journey (to keep the failing ones) made the journeys ~15 % slower, about 1.5 minutes of
    // CI; a failure keeps its screenshot and error, and PW_TRACE=retain-on-failure (or on) records traces when needed
    trace: (process.env.PW_TRACE as "on" | "off" | "retain-on-failure" | undefined) ?? "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "mobile", use: { ...devices["Pixel 5"], browserName: "chromium" } },
  ],
  webServer: {
    command: "bash tests/e2e/start-server.sh",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
