// The one place the application id lives. It is electron-builder's `appId` (test/packaging asserts
// electron-builder.yml matches) and, on Windows, the AppUserModelID notifications are attributed to.
// Never change it: installed copies, notification settings and autostart entries are keyed by it.
export const APP_ID = 'com.cxone-agent-tray.app';
export const PRODUCT_NAME = 'CXone Agent Tray';
