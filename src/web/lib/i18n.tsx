/**
 * Chinese first, English second: every label in the app is written as t('中文', 'English'). The choice is kept in
 * the browser (localStorage) and switches Ant Design's locale with it.
 */
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';
export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'zh', setLang: () => {} });

export function savedLang(): Lang {
  try {
    return localStorage.getItem('jixiao.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}
export function saveLang(l: Lang): void {
  try {
    localStorage.setItem('jixiao.lang', l);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export type T = (zh: string, en: string) => string;

/** The current language and t(zh, en). */
export function useT(): { t: T; lang: Lang } {
  const { lang } = useContext(LangContext);
  return { t: (zh, en) => (lang === 'zh' ? zh : en), lang };
}

/** A zh/en pair as the server sends it ({zh, en} or labelZh/labelEn). */
export const pick = (lang: Lang, zh: string | undefined | null, en: string | undefined | null): string => (lang === 'zh' ? (zh ?? en ?? '') : (en ?? zh ?? ''));
