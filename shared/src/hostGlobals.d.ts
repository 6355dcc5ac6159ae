/**
 * Globals every host of shared/ has (browsers, Electron, Node 20), declared here because shared/ is
 * compiled without DOM or Node types, so that it cannot lean on anything else of theirs. Only this file's
 * own compilation sees these declarations; the renderer and the server use their hosts' full ones.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
