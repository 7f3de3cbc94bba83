import { describe, expect, it } from 'vitest';
import {
  baseName,
  isInsideLocal,
  joinLocal,
  joinLocalRelative,
  joinRemote,
  joinRemoteRelative,
  localAncestors,
  localParentOf,
  localSeparator,
  remoteAncestors,
} from './paths.js';

describe('local paths', () => {
  it('reads the separator from the path', () => {
    expect(localSeparator('/home/u')).toBe('/');
    expect(localSeparator('/home/we\\ird')).toBe('/');
    expect(localSeparator('C:\\Users\\u')).toBe('\\');
    expect(localSeparator('\\\\server\\share')).toBe('\\');
  });

  it('joins with that separator', () => {
    expect(joinLocal('/home/u', 'a.txt')).toBe('/home/u/a.txt');
    expect(joinLocal('/', 'etc')).toBe('/etc');
    expect(joinLocal('C:\\Users', 'u')).toBe('C:\\Users\\u');
    expect(joinLocal('C:\\', 'x')).toBe('C:\\x');
    expect(joinLocalRelative('C:\\in', 'a/b/c.txt')).toBe('C:\\in\\a\\b\\c.txt');
  });

  it('lists ancestors root first', () => {
    expect(localAncestors('/home/u/docs')).toEqual(['/', '/home', '/home/u', '/home/u/docs']);
    expect(localAncestors('/')).toEqual(['/']);
    expect(localAncestors('C:\\Users\\u')).toEqual(['C:\\', 'C:\\Users', 'C:\\Users\\u']);
  });

  it('finds parents and containment', () => {
    expect(localParentOf('/home/u/a.txt')).toBe('/home/u');
    expect(localParentOf('/a.txt')).toBe('/');
    expect(localParentOf('C:\\x\\y.txt')).toBe('C:\\x');
    expect(isInsideLocal('/home/u/a/b', '/home/u')).toBe(true);
    expect(isInsideLocal('/home/user2/a', '/home/u')).toBe(false);
    expect(isInsideLocal('/etc/x', '/')).toBe(true);
  });
});

describe('remote paths', () => {
  it('joins and lists ancestors', () => {
    expect(joinRemote('/', 'pub')).toBe('/pub');
    expect(joinRemote('/pub', 'a b')).toBe('/pub/a b');
    expect(joinRemoteRelative('/up', 'folder/sub/x.txt')).toBe('/up/folder/sub/x.txt');
    expect(remoteAncestors('/pub/x')).toEqual(['/', '/pub', '/pub/x']);
    expect(remoteAncestors('C:')).toEqual(['C:']);
  });

  it('names the last component', () => {
    expect(baseName('/pub/file.bin')).toBe('file.bin');
    expect(baseName('C:\\x\\y.txt')).toBe('y.txt');
    expect(baseName('/')).toBe('/');
  });
});
