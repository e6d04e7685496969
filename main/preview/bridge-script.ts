// The page bridge (renderer/preview/page-bridge.ts) as one classic script (IIFE), built with Vite in
// memory, once per process: the preview server serves it before the renderer's own scripts.
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

let bundle: Promise<string> | null = null;

export function buildBridgeScript(): Promise<string> {
  bundle ??= (async () => {
    const result = (await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        minify: false,
        lib: { entry: fileURLToPath(new URL('../../renderer/preview/page-bridge.ts', import.meta.url)), formats: ['iife'], name: 'agentTrayBridge' },
      },
    })) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;
    const outputs = Array.isArray(result) ? result : [result];
    const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('The page bridge bundle is empty.');
    return chunk.code;
  })();
  return bundle;
}
