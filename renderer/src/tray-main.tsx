import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { TrayApp } from './tray/TrayApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrayApp />
  </StrictMode>,
);
