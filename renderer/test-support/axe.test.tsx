import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';

describe('axeViolations', () => {
  it('reports what axe finds (so a clean result means something)', async () => {
    render(
      <main>
        <button type="button" />
        <input />
      </main>,
    );
    const found = await axeViolations(document.body);
    expect(found).toContain('button-name');
    expect(found).toContain('label');
  });
});
