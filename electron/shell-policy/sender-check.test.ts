import { describe, expect, it } from 'vitest';
import {
  isTrustedSender,
  TrustedWindows,
  type ContentsLike,
  type FrameLike,
} from './sender-check.js';

const APP = 'app://portside/index.html';

function contents(id: number, url = APP, destroyed = false): ContentsLike {
  return { id, isDestroyed: () => destroyed, getURL: () => url, send: () => undefined };
}

const mainFrame = (url = APP): FrameLike => ({ url, parent: null });

describe('security 9.29: IPC from an unknown sender is refused (sender check)', () => {
  const trusted = new TrustedWindows();
  trusted.add(contents(1));

  it('accepts the main frame of an app window showing the app', () => {
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: mainFrame() }, trusted)).toBe(true);
  });

  it('refuses a window the app did not create', () => {
    expect(isTrustedSender({ sender: { id: 2 }, senderFrame: mainFrame() }, trusted)).toBe(false);
  });

  it('refuses a subframe, even one showing the app', () => {
    const frame: FrameLike = { url: APP, parent: mainFrame() };
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: frame }, trusted)).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'file:///home/user/Downloads/page.html',
    'app://other/index.html',
    'about:blank',
    'data:text/html,hi',
  ])('refuses an app window whose page is %s', (url) => {
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: mainFrame(url) }, trusted)).toBe(
      false,
    );
  });

  it('refuses a frame that is gone or detached', () => {
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: null }, trusted)).toBe(false);
    expect(
      isTrustedSender(
        { sender: { id: 1 }, senderFrame: { url: APP, parent: null, detached: true } },
        trusted,
      ),
    ).toBe(false);
  });

  it('stops trusting a window once it is removed', () => {
    const set = new TrustedWindows();
    set.add(contents(5));
    set.remove(5);
    expect(isTrustedSender({ sender: { id: 5 }, senderFrame: mainFrame() }, set)).toBe(false);
  });

  it('lists as live only windows that exist and show the app', () => {
    const set = new TrustedWindows();
    const live = contents(1);
    set.add(live);
    set.add(contents(2, APP, true));
    set.add(contents(3, 'https://evil.example/'));
    expect(set.live()).toEqual([live]);
  });
});
