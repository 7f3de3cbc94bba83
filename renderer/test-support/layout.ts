/**
 * jsdom does no layout: every element is 0×0, so a virtualised list shows nothing. This
 * gives every element the size of a window-sized viewport (what @tanstack/virtual reads,
 * clientWidth/clientHeight) until the returned function is called.
 */
export function stubElementSize(width: number, height: number): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
  };
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height });
  return () => {
    for (const [name, descriptor] of Object.entries(saved)) {
      if (descriptor === undefined) Reflect.deleteProperty(proto, name);
      else Object.defineProperty(proto, name, descriptor);
    }
  };
}
