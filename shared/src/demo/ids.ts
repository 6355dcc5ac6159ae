import { hash32, type Random } from './random';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex32(n: number): string {
  return HEX[n >>> 24]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
}

/**
 * Deterministic UUIDv7 (RFC 9562): 48 bits of Unix milliseconds (the record's creation time), the
 * version 7, 12 random bits, the variant `10`, 62 more bits. The last 32 bits are a bijection of a
 * running counter, so ids of one run never collide, whatever the random stream does.
 */
export class DemoIdFactory {
  private counter = 0;
  private readonly salt: number;

  constructor(private readonly random: Random, seed: number) {
    this.salt = hash32(seed ^ 0x5bd1e995);
  }

  next(msecs: number): string {
    const ms = Math.max(0, Math.floor(msecs));
    const high = Math.floor(ms / 0x10000); // top 32 of the 48 bits
    const low = ms % 0x10000; // bottom 16
    const r1 = this.random.uint32();
    const r2 = this.random.uint32();
    const unique = (Math.imul(this.counter, 0x9e3779b1) ^ this.salt) >>> 0;
    this.counter += 1;
    const timeHex = hex32(high) + HEX[low >>> 8]! + HEX[low & 255]!;
    const randA = (r1 >>> 20) & 0xfff; // 12 bits
    const variant = 0x8000 | (r1 & 0x3fff); // 10xx xxxx xxxx xxxx
    const randB = r2 >>> 16; // 16 bits
    return (
      `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-7${randA.toString(16).padStart(3, '0')}-` +
      `${variant.toString(16)}-${HEX[randB >>> 8]!}${HEX[randB & 255]!}${hex32(unique)}`
    );
  }
}

/** A well-formed (but made-up) SHA-256: 64 lowercase hex digits. */
export function fakeSha256(random: Random): string {
  let out = '';
  for (let i = 0; i < 8; i += 1) out += hex32(random.uint32());
  return out;
}
