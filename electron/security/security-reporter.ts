import type { Reporter, TestCase, TestModule } from 'vitest/node';

/**
 * Prints the security suite of issue 9 after a run, item by item: every test whose name
 * carries "security 9.N" (one test may name several: "security 9.28 + 9.30"), with its
 * outcome. vitest's default reporter lists only files and slow or failed tests, so without
 * this the list of items would not be visible in `npm test`'s output. Runs that contain
 * none of these tests print nothing. docs/security-suite.md maps the items to the tests.
 */
export default class SecurityReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byItem = new Map<number, string[]>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        for (const item of securityItems(test.fullName)) {
          const lines = byItem.get(item) ?? [];
          lines.push(
            `    ${mark(test)} ${test.fullName}  (${module.moduleId.split('/').slice(-2).join('/')})`,
          );
          byItem.set(item, lines);
        }
      }
    }
    if (byItem.size === 0) return;
    const out = ['', 'Security suite (issue 9), by item:'];
    for (const item of [...byItem.keys()].sort((a, b) => a - b)) {
      out.push(`  9.${item}`, ...(byItem.get(item) ?? []));
    }
    process.stdout.write(`${out.join('\n')}\n\n`);
  }
}

/** The item numbers a test name carries: "security 9.28 + 9.30: …" → [28, 30]. */
export function securityItems(name: string): number[] {
  const match = /\bsecurity ((?:9\.\d+(?:\s*\+\s*)?)+)/.exec(name);
  if (match === null) return [];
  return [...(match[1] ?? '').matchAll(/9\.(\d+)/g)].map((found) => Number(found[1]));
}

function mark(test: TestCase): string {
  const state = test.result().state;
  if (state === 'passed') return 'ok  ';
  if (state === 'failed') return 'FAIL';
  return state === 'skipped' ? 'skip' : 'pend';
}
