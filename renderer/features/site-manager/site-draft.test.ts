import { describe, expect, it } from 'vitest';
import type { Site, SiteTree } from '../../../shared/models/site.js';
import {
  blankSite,
  changes,
  removeNode,
  toDraft,
  toSiteInput,
  updateSite,
  validateSite,
  type Draft,
} from './site-draft.js';

function site(id: string, parentId: string | null, overrides: Partial<Site> = {}): Site {
  return {
    id,
    parentId,
    name: id,
    host: `${id}.example.com`,
    port: null,
    encryption: 'explicit-if-available',
    logonType: 'normal',
    user: 'u',
    hasPassword: true,
    transferMode: 'default',
    localFolder: '',
    remoteFolder: '',
    maxConnections: 0,
    comments: '',
    ...overrides,
  };
}

const tree: SiteTree = {
  folders: [
    { id: 'top', parentId: null, name: 'Top' },
    { id: 'inner', parentId: 'top', name: 'Inner' },
  ],
  sites: [site('a', 'inner'), site('b', null)],
};

describe('site draft', () => {
  it('has nothing to send when nothing changed', () => {
    expect(changes(tree, toDraft(tree))).toEqual([]);
  });

  it('deletes only the top of a deleted subtree (main deletes what is inside)', () => {
    const draft = removeNode(toDraft(tree), 'top');
    expect(draft.sites.map((s) => s.id)).toEqual(['b']);
    expect(changes(tree, draft)).toEqual([{ kind: 'delete', id: 'top', name: 'Top' }]);
  });

  it('saves new folders before the sites in them, parents first', () => {
    const start = toDraft({ folders: [], sites: [] });
    // Listed child-first on purpose.
    const draft: Draft = {
      folders: [
        { id: 'child', parentId: 'parent', name: 'Child' },
        { id: 'parent', parentId: null, name: 'Parent' },
      ],
      sites: [{ ...blankSite(start, 'child'), host: 'h', user: 'u' }],
    };
    const kinds = changes({ folders: [], sites: [] }, draft).map((c) =>
      c.kind === 'save-folder' ? c.folder.id : c.kind,
    );
    expect(kinds).toEqual(['parent', 'child', 'save-site']);
  });

  it('sends a site whose password was typed even if nothing else changed, and only then', () => {
    const draft = updateSite(toDraft(tree), 'b', { password: 'new' });
    const sent = changes(tree, draft);
    expect(sent).toHaveLength(1);
    const change = sent[0];
    if (change?.kind !== 'save-site') throw new Error('expected a site save');
    expect(toSiteInput(change.site)).toMatchObject({ id: 'b', password: 'new' });
    expect(toSiteInput({ ...change.site, password: undefined })).not.toHaveProperty('password');
    // Anonymous and "ask" logons never carry a password to main.
    expect(toSiteInput({ ...change.site, logonType: 'ask' })).not.toHaveProperty('password');
  });

  it('explains what is wrong in words', () => {
    const blank = blankSite(toDraft(tree), null);
    expect(validateSite(blank)).toEqual({
      host: 'Enter the server’s host name or address.',
      user: 'Enter the user name (or choose Anonymous).',
    });
    expect(validateSite({ ...blank, host: 'ftp://x/y', user: 'u', port: '99999' })).toEqual({
      host: 'Enter only the host name or address, without ftp:// or a folder.',
      port: 'The port must be a number from 1 to 65535, or empty for the default.',
    });
    expect(validateSite({ ...blank, host: 'h', logonType: 'anonymous' })).toEqual({});
  });
});
