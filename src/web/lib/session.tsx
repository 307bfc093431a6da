/** Who is logged in, shared by every page; a 401 anywhere brings the login page back. */
import { createContext, useContext } from 'react';
import type { Me } from './types.ts';

export const SessionContext = createContext<{ me: Me | null; refresh: () => Promise<void>; logout: () => Promise<void> }>({
  me: null,
  refresh: async () => {},
  logout: async () => {},
});
export const useSession = () => useContext(SessionContext);
