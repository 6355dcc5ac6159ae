import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emitMenuCommand } from '../bridge/browserBridge';

/**
 * The in-page Data menu: the same commands the desktop app's menu sends (Import records, Load demo data, Export and Import a bundle).
 * A disclosure (a button that shows a short list of buttons), which Tab and Enter operate; Escape closes
 * it and gives focus back to its button.
 */
export function DataMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const toggleButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        setOpen(false);
        toggleButton.current?.focus();
      } else if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const run = (command: 'import-records' | 'load-demo-data' | 'export-bundle' | 'import-bundle') => {
    setOpen(false);
    emitMenuCommand(command);
  };

  return (
    <div className="menu" ref={container}>
      <button ref={toggleButton} type="button" aria-expanded={open} aria-controls="data-menu" onClick={() => setOpen((value) => !value)}>
        {t('menu.data')} ▾
      </button>
      {open && (
        <div id="data-menu" className="menu-items">
          <button type="button" onClick={() => run('import-records')} autoFocus>
            {t('menu.importRecords')}
          </button>
          <button type="button" onClick={() => run('load-demo-data')}>
            {t('menu.loadDemoData')}
          </button>
          <button type="button" onClick={() => run('export-bundle')}>
            {t('menu.exportBundle')}
          </button>
          <button type="button" onClick={() => run('import-bundle')}>
            {t('menu.importBundle')}
          </button>
        </div>
      )}
    </div>
  );
}
