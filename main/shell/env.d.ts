// Build-time values electron-vite replaces in the main bundle (variables prefixed MAIN_VITE_).
interface ImportMetaEnv {
  /** "1" only in the build the _electron end-to-end suite launches; see main/shell/e2e-hook.ts. */
  readonly MAIN_VITE_E2E_HOOK?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
