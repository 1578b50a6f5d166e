// First: antd's styles (built from the theme, renderer/src/theme.ts), so that every sheet of ours comes after them and wins a tie.
import 'virtual:antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App.tsx';
import { ApiProvider } from './api/context.tsx';
import { chooseTransport, createApi } from './api/client.ts';
import { pageFromHash } from './nav.ts';
import { askFirstScreen } from './pages/ledger/firstScreen.ts';
import './styles.css';

dayjs.locale('zh-cn');

const api = createApi(chooseTransport(window));
// Opening on the ledger (a reload, a link): its first rows are asked for now, not once the page is drawn.
if (pageFromHash(window.location.hash) === 'ledger') askFirstScreen(api);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
