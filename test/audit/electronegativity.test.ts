// Doyensec's Electronegativity over main/, preload/ and renderer/ together (so its global checks see
// the CSP in the pages and the navigation guards in main): every finding of severity MEDIUM or above
// must be named, by check id and file, in docs/security.md — fixed there, or justified.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
}

/** RFC 4180-ish: quoted fields may hold commas, line breaks and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') {
      field += c;
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

export async function scanWithElectronegativity(): Promise<Finding[]> {
  const work = mkdtempSync(join(tmpdir(), 'cxone-electronegativity-'));
  try {
    for (const dir of ['main', 'preload', 'renderer']) cpSync(join(root, dir), join(work, 'app', dir), { recursive: true });
    const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/index.js');
    const out = join(work, 'findings.csv');
    // -e: the Electron version in package.json (the tool cannot look releases up offline).
    await run(process.execPath, [cli, '-i', join(work, 'app'), '-r', '-v', 'false', '-e', '45.4.1', '-o', out], { timeout: 240_000 });
    const [, ...rows] = parseCsv(readFileSync(out, 'utf8')).filter((r) => r.length >= 5);
    return rows.map(([check, severity, confidence, file, location]) => ({ check: check!, severity: severity!, confidence: confidence!, file: file!, location: location! }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const AT_LEAST_MEDIUM = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

describe('Electronegativity', () => {
  it('every finding of severity MEDIUM or above is fixed or justified by check id and file in docs/security.md', async () => {
    const findings = await scanWithElectronegativity();
    const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');
    const serious = findings.filter((f) => AT_LEAST_MEDIUM.has(f.severity.toUpperCase()));
    console.log(`electronegativity: ${findings.length} findings, ${serious.length} of severity MEDIUM or above`);
    // The doc's findings table has one row per check id and file: "| CHECK_ID | main/x.ts | ... |".
    const unexplained = serious.filter((f) => !doc.split('\n').some((line) => line.includes(`\`${f.check}\``) && line.includes(`\`${f.file}\``)));
    expect(unexplained.map((f) => `${f.check} ${f.file}:${f.location}`)).toEqual([]);
  }, 300_000);
});
