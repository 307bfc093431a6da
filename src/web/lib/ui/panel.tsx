/**
 * A plain card (title, extra, body) for the first screen: Ant Design's Card brings tabs and menus along, which the
 * login and task pages do not use.
 */
import type { CSSProperties, ReactNode } from 'react';

export function Panel({ title, extra, children, style, ...rest }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; style?: CSSProperties; 'data-testid'?: string }) {
  return (
    <section style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 6, ...style }} {...rest}>
      {title || extra ? (
        <header style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 20px', borderBottom: '1px solid #f0f0f0', fontWeight: 600, fontSize: 15, flexWrap: 'wrap' }}>
          <div style={{ flex: 1, minWidth: 0 }}>{title}</div>
          {extra ? <div style={{ fontWeight: 400 }}>{extra}</div> : null}
        </header>
      ) : null}
      <div style={{ padding: '16px 20px' }}>{children}</div>
    </section>
  );
}
