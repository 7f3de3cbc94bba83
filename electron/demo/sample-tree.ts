import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A small site to browse in the demo: folders, text, a binary file, and odd names. */
export async function writeSampleTree(root: string): Promise<void> {
  const files: Record<string, string | Buffer> = {
    'README.txt':
      'Welcome to the Portside demo server.\n\nDouble-click a folder to open it, a file to download it.\n',
    'public_html/index.html': '<!doctype html><title>Demo</title><h1>It works</h1>\n',
    'public_html/css/site.css': 'body { font-family: system-ui; }\n',
    'public_html/images/logo.svg':
      '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="7"/></svg>\n',
    'docs/Quarterly report Q3.txt': 'Revenue: up.\n',
    'docs/Überblick – café.txt': 'UTF-8 names work.\n',
    'docs/-starts-with-dash.txt': 'A name that starts with a dash.\n',
    'backups/archive.bin': Buffer.alloc(2 * 1024 * 1024, 0x5a),
  };
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, ...path.split('/'));
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, content);
  }
  await mkdir(join(root, 'incoming'), { recursive: true });
}
