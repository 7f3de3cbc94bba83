import { describe, expect, it } from 'vitest';
import { commandForLog, formatCommand } from './command.js';
import { parseFeatures } from './features.js';

describe('formatCommand', () => {
  it.each(['a\r\nDELE x', 'a\nb', 'a\rb', 'a\0b'])(
    'security 9.5: refuses %j before anything is sent',
    (argument) => {
      expect(() => formatCommand('RETR', argument)).toThrow(/line break or NUL/);
    },
  );

  it.each([' leading', 'trailing ', '-dash', '*', 'a?b', 'ünïcødé 名前'])(
    'security 9.6: sends %j exactly',
    (argument) => {
      expect(formatCommand('RETR', argument)).toBe(`RETR ${argument}`);
    },
  );
});

describe('commandForLog', () => {
  it('security 9.26: masks the password and account with a fixed mask', () => {
    expect(commandForLog('PASS hunter2')).toBe('PASS ********');
    expect(commandForLog('PASS a-much-longer-password')).toBe('PASS ********');
    expect(commandForLog('ACCT secret')).toBe('ACCT ********');
    expect(commandForLog('USER alice')).toBe('USER alice');
  });
});

describe('parseFeatures', () => {
  it('reads the FEAT reply of the reference log and of servers that indent differently', () => {
    const lines = [
      '211-Features:',
      '211-MDTM',
      ' REST STREAM',
      '  SIZE',
      ' MLST type*;size*;modify*;',
      ' UTF8',
      ' AUTH TLS;SSL',
      '211 End',
    ];
    const features = parseFeatures({ code: 211, lines, message: lines.join('\n') });
    expect(features).toMatchObject({
      mdtm: true,
      restStream: true,
      size: true,
      mlst: true,
      utf8: true,
      authTls: true,
      mfmt: false,
      epsv: false,
    });
  });

  it('knows nothing when FEAT is refused', () => {
    const features = parseFeatures({ code: 500, lines: ['500 no'], message: '500 no' });
    expect(features.raw.size).toBe(0);
  });
});
