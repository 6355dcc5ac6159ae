import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules are only worth having if a wrong import really fails lint. */
const eslint = new ESLint();
async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('refuse renderer, Node and electron imports in shared/', async () => {
    expect(await importErrors('shared/src/x.ts', "import { db } from '../../renderer/src/db/database';\nexport { db };\n")).not.toHaveLength(0);
    expect(await importErrors('shared/src/x.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n")).not.toHaveLength(0);
    expect(await importErrors('shared/src/x.ts', "import { app } from 'electron';\nexport { app };\n")).not.toHaveLength(0);
    expect(await importErrors('shared/src/x.ts', "import { z } from 'zod';\nexport { z };\n")).toHaveLength(0);
  });

  it('let the renderer import shared only, through the alias', async () => {
    expect(await importErrors('renderer/src/x.ts', "import { x } from '../../electron/main';\nexport { x };\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/src/x.ts', "import { x } from '../../server/app';\nexport { x };\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/src/x.ts', "import { x } from '../../shared/src/domain';\nexport { x };\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/src/x.ts', "import { x } from '@shared/domain';\nexport { x };\n")).toHaveLength(0);
  });

  it('keep the server away from the renderer and electron', async () => {
    expect(await importErrors('server/x.ts', "import { x } from '../renderer/src/db';\nexport { x };\n")).not.toHaveLength(0);
    expect(await importErrors('server/x.ts', "import { app } from 'electron';\nexport { app };\n")).not.toHaveLength(0);
    expect(await importErrors('server/x.ts', "import { x } from '@shared/domain';\nexport { x };\n")).toHaveLength(0);
  });

  it('let electron use Node and shared but not the renderer; keep policy modules free of electron', async () => {
    expect(await importErrors('electron/main.ts', "import { x } from '../renderer/src/app';\nexport { x };\n")).not.toHaveLength(0);
    expect(await importErrors('electron/main.ts', "import { app } from 'electron';\nimport { join } from 'node:path';\nexport { app, join };\n")).toHaveLength(0);
    expect(await importErrors('electron/security/x.ts', "import { app } from 'electron';\nexport { app };\n")).not.toHaveLength(0);
  });
});
