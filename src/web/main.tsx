import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

performance.mark('jixiao-app-start');
createRoot(document.getElementById('root')!).render(<App />);
