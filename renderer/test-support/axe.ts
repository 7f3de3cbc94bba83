import axe from 'axe-core';

/**
 * The axe-core violations in `root`, one line each ('' when there are none), so a failing
 * assertion names the rule and the elements. Colour contrast is left out: jsdom applies no
 * style sheets, so axe cannot compute colours here (theme-contrast.test.ts checks the
 * palette instead).
 */
export async function axeViolations(root: Element = document.body): Promise<string> {
  const results = await axe.run(root, {
    rules: { 'color-contrast': { enabled: false } },
  });
  return results.violations
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    )
    .join('\n');
}
