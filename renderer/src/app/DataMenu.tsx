import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emitMenuCommand } from '../bridge/browserBridge';

/** The in-page Data menu: the same commands the desktop app's menu sends (Import records, Load demo data). */
export function DataMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const run = (command: 'import-records' | 'load-demo-data') => {
    setOpen(false);
    emitMenuCommand(command);
  };

  return (
    <div className="menu" ref={container}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        {t('menu.data')} ▾
      </button>
      {open && (
        <div role="menu" className="menu-items">
          <button role="menuitem" type="button" onClick={() => run('import-records')} autoFocus>
            {t('menu.importRecords')}
          </button>
          <button role="menuitem" type="button" onClick={() => run('load-demo-data')}>
            {t('menu.loadDemoData')}
          </button>
        </div>
      )}
    </div>
  );
}
