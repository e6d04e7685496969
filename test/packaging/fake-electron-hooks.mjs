// Node module hooks for the boot test: the bare specifier 'electron' — imported by the built main
// bundle and by electron-store — resolves to the fake electron module (test/shell/fake-electron.ts;
// no Electron binary can run here). Registered by register-fake-electron.mjs.
const FAKE = new URL('../shell/fake-electron.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: FAKE, shortCircuit: true };
  return nextResolve(specifier, context);
}
