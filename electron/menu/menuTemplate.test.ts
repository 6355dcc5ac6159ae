import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '@shared/bridge/contract';
import { menuCommands } from '@shared/bridge/contract';
import { buildMenuTemplate } from './menuTemplate';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function clickAll(isMac: boolean): MenuCommand[] {
  const sent: MenuCommand[] = [];
  const items = flatten(buildMenuTemplate({ isMac, isDevelopment: false, send: (command) => sent.push(command) }));
  for (const item of items) item.click?.(undefined as never, undefined, undefined as never);
  return sent;
}

describe('application menu', () => {
  it.each([false, true])('sends every menu command exactly once (isMac=%s)', (isMac) => {
    expect(clickAll(isMac).sort()).toEqual([...menuCommands].sort());
  });

  it('has File, View and a Quit item on Windows and Linux', () => {
    const template = buildMenuTemplate({ isMac: false, isDevelopment: false, send: vi.fn() });
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu']);
    expect(flatten(template).some((item) => item.role === 'quit')).toBe(true);
    expect(flatten(template).find((item) => item.label === 'Settings')).toBeDefined();
  });

  it('offers sync bundles in the File menu', () => {
    const file = buildMenuTemplate({ isMac: false, isDevelopment: false, send: vi.fn() }).find((item) => item.label === 'File');
    const labels = (file?.submenu as MenuItemConstructorOptions[]).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['Export sync bundle…', 'Import sync bundle…']));
  });

  it('gives no two items the same shortcut', () => {
    for (const isMac of [false, true]) {
      const accelerators = flatten(buildMenuTemplate({ isMac, isDevelopment: true, send: vi.fn() })).flatMap((item) => (item.accelerator ? [String(item.accelerator)] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('offers developer tools only in development', () => {
    const roles = (isDevelopment: boolean) => flatten(buildMenuTemplate({ isMac: false, isDevelopment, send: vi.fn() })).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
