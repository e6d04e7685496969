// `node --import tsx --import ./test/packaging/register-fake-electron.mjs …`: 'electron' → the fake.
import { register } from 'node:module';

// As in Electron, the app is not 'ready' while its main script first runs: the boot driver makes it
// ready (fake.becomeReady()) once the bundle is loaded, so a ready-only API used too early throws.
process.env.FAKE_ELECTRON_READY ??= 'later';
// app.exit() ends this process at once, as it ends Electron's.
process.env.FAKE_ELECTRON_EXIT ??= 'process';
register('./fake-electron-hooks.mjs', import.meta.url);
