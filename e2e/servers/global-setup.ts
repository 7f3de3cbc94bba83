// Vitest global setup of the interop run (e2e/vitest.interop.config.ts): checks once
// whether the real servers can start here and says so once, instead of once per test file.
// Test files read the answer with realServersAvailability() (availability.ts).
import type { TestProject } from 'vitest/node';
import { canStartServers } from './ftp-servers.js';

export default async function setup(project: TestProject): Promise<void> {
  const can = await canStartServers();
  if (!can.ok) {
    console.warn(
      process.env['CI'] === 'true'
        ? `The real FTP servers cannot start, and CI=true makes that a failure: ${can.reason}`
        : `Skipping the interop tests against real FTP servers: ${can.reason}`,
    );
  }
  project.provide('realFtpServers', can);
}
