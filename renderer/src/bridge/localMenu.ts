import type { MenuCommand } from '@shared/bridge/contract';

/**
 * An in-page source of menu commands: the renderer's own menus (DataMenu, a command palette, keyboard
 * shortcuts) raise the same commands as Electron's application menu, so a screen listens in one place
 * (`getBridge().onMenuCommand`) whichever host it runs in.
 */
const listeners = new Set<(command: MenuCommand) => void>();

export function emitMenuCommand(command: MenuCommand): void {
  // A copy: a listener that unsubscribes (or subscribes) while we loop must not skip or repeat anyone.
  for (const listener of [...listeners]) listener(command);
}

export function onLocalMenuCommand(listener: (command: MenuCommand) => void): () => void {
  // Wrapped, so subscribing the same function twice gives two independent subscriptions.
  const entry = (command: MenuCommand) => listener(command);
  listeners.add(entry);
  return () => {
    listeners.delete(entry);
  };
}
