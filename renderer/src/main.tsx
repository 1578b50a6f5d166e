import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App.tsx';
import { ApiProvider } from './api/context.tsx';
import { chooseTransport, createApi } from './api/client.ts';
import './styles.css';

dayjs.locale('zh-cn');

const api = createApi(chooseTransport(window));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
