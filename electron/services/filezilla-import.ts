import { XMLParser } from 'fast-xml-parser';
import type {
  Encryption,
  LogonType,
  SiteFolder,
  SiteInput,
  TransferMode,
} from '../../shared/models/site.js';
import { ServiceError } from './router.js';
import { newId } from './sites-service.js';

/** A node of fast-xml-parser's ordered output: `{ Tag: children, ':@': attributes }` or `{ '#text': … }`. */
type XmlNode = Record<string, unknown>;

export interface FileZillaImport {
  readonly folders: readonly SiteFolder[];
  readonly sites: readonly (SiteInput & { readonly password: string | null })[];
  /** Sites of protocols Portside does not speak (SFTP, S3 …), left out. */
  readonly skipped: number;
}

// FileZilla's ServerProtocol enum: 0 FTP (explicit TLS if available), 3 FTPS (implicit),
// 4 FTPES (require explicit), 6 insecure FTP; the rest (SFTP, HTTP, S3 …) are not FTP.
const ENCRYPTION: Readonly<Record<string, Encryption>> = {
  '0': 'explicit-if-available',
  '3': 'implicit',
  '4': 'explicit',
  '6': 'none',
};
// Logontype: 0 anonymous, 1 normal, 2 ask, 3 interactive, 4 account; 3 and 4 prompt here.
const LOGON: Readonly<Record<string, LogonType>> = {
  '0': 'anonymous',
  '1': 'normal',
  '2': 'ask',
  '3': 'ask',
  '4': 'ask',
};
const MODE: Readonly<Record<string, TransferMode>> = {
  MODE_DEFAULT: 'default',
  MODE_ACTIVE: 'active',
  MODE_PASSIVE: 'passive',
};

/**
 * Reads a FileZilla `sitemanager.xml`. Its passwords are plaintext or base64 (FileZilla
 * without a master password); they go straight into the encrypted store on import.
 * A document with a DOCTYPE is refused: sitemanager.xml never has one, and entity
 * declarations are how XML bombs work.
 */
export function parseFileZillaSites(xml: string): FileZillaImport {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new ServiceError(
      'bad-request',
      'This file has a DOCTYPE; a FileZilla site file does not',
    );
  let document: XmlNode[];
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      trimValues: true,
      parseTagValue: false,
    });
    document = parser.parse(xml) as XmlNode[];
  } catch (error) {
    throw new ServiceError('bad-request', `Not a readable XML file: ${String(error)}`);
  }
  const root = children(document, 'FileZilla3')[0];
  const servers = root === undefined ? undefined : children(root, 'Servers')[0];
  if (servers === undefined)
    throw new ServiceError(
      'bad-request',
      'Not a FileZilla site manager file (no FileZilla3/Servers)',
    );
  const folders: SiteFolder[] = [];
  const sites: (SiteInput & { password: string | null })[] = [];
  let skipped = 0;

  const walk = (nodes: readonly XmlNode[], parentId: string | null): void => {
    for (const node of nodes) {
      if ('Folder' in node) {
        const inner = node['Folder'] as XmlNode[];
        const folder: SiteFolder = {
          id: newId(),
          parentId,
          name: clip(ownText(inner) || 'Imported folder', 200),
        };
        folders.push(folder);
        walk(inner, folder.id);
      } else if ('Server' in node) {
        const site = toSite(node['Server'] as XmlNode[], parentId);
        if (site === undefined) skipped += 1;
        else sites.push(site);
      }
    }
  };
  walk(servers, null);
  return { folders, sites, skipped };
}

function toSite(
  fields: readonly XmlNode[],
  parentId: string | null,
): (SiteInput & { password: string | null }) | undefined {
  const text = (tag: string): string => {
    const node = fields.find((f) => tag in f);
    return node === undefined ? '' : ownText(node[tag] as XmlNode[]);
  };
  const encryption = ENCRYPTION[text('Protocol') || '0'];
  const host = text('Host');
  if (encryption === undefined || host === '' || /[\s/\\@]/.test(host)) return undefined;
  const port = Number(text('Port'));
  const passNode = fields.find((f) => 'Pass' in f);
  const passText = text('Pass');
  const base64 =
    (passNode?.[':@'] as Record<string, string> | undefined)?.['@_encoding'] === 'base64';
  const password =
    passText === '' ? null : base64 ? Buffer.from(passText, 'base64').toString('utf8') : passText;
  const max = Number(text('MaximumMultipleConnections'));
  return {
    id: newId(),
    parentId,
    name: clip(text('Name') || host, 200),
    host,
    port: Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null,
    encryption,
    logonType: LOGON[text('Logontype')] ?? 'normal',
    user: clip(text('User'), 256),
    password,
    transferMode: MODE[text('PasvMode')] ?? 'default',
    localFolder: clip(text('LocalDir'), 4096),
    remoteFolder: decodeRemoteDir(text('RemoteDir')),
    maxConnections: Number.isInteger(max) && max >= 0 && max <= 10 ? max : 0,
    comments: clip(text('Comments'), 16_384),
  };
}

/**
 * FileZilla serializes remote paths as `type prefixLength prefix (length segment)*`, e.g.
 * `1 0 4 home 3 bob` for /home/bob on a Unix server (type 1).
 */
export function decodeRemoteDir(value: string): string {
  if (value === '') return '';
  const match = /^(\d+) (\d+) /.exec(value);
  if (match === null) return '';
  let rest = value.slice(match[0].length + Number(match[2]));
  const segments: string[] = [];
  while (rest.length > 0) {
    const length = /^ ?(\d+) /.exec(rest);
    if (length === null) break;
    const start = length[0].length;
    segments.push(rest.slice(start, start + Number(length[1])));
    rest = rest.slice(start + Number(length[1]));
  }
  return `/${segments.join('/')}`.replace(/[\r\n\0]/g, '');
}

function children(nodes: readonly XmlNode[], tag: string): XmlNode[][] {
  return nodes.filter((n) => tag in n).map((n) => n[tag] as XmlNode[]);
}

function ownText(nodes: readonly XmlNode[]): string {
  const node = nodes.find((n) => '#text' in n);
  return node === undefined
    ? ''
    : String(node['#text'])
        .replace(/[\r\n\0]/g, ' ')
        .trim();
}

function clip(value: string, length: number): string {
  return value.length > length ? value.slice(0, length) : value;
}
