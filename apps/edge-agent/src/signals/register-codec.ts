// Turns Modbus 16-bit registers into numbers. Devices disagree on both byte order inside a
// register and word order across the two registers of a 32-bit value, so both are settings.

import type { ModbusDataType } from '@convergent/shared-util-contracts';

export interface RegisterFormat {
  type: ModbusDataType;
  // 'big' (Modbus standard, AB) or 'little' (BA) inside each register.
  byteOrder?: 'big' | 'little';
  // 'big': the first register holds the high word (ABCD); 'little': the low word (CDAB).
  wordOrder?: 'big' | 'little';
  // value = raw * scale + offset
  scale?: number;
  offset?: number;
}

export function registerCount(type: ModbusDataType): 1 | 2 {
  return type === 'int16' || type === 'uint16' ? 1 : 2;
}

export function decodeRegisters(registers: readonly number[], format: RegisterFormat): number {
  const count = registerCount(format.type);
  if (registers.length < count)
    throw new RangeError(`${format.type} needs ${count} registers, got ${registers.length}`);
  const words = registers.slice(0, count);
  if (count === 2 && (format.wordOrder ?? 'big') === 'little') words.reverse();
  const bytes = Buffer.alloc(count * 2);
  words.forEach((word, index) => {
    if (!Number.isInteger(word) || word < 0 || word > 0xffff)
      throw new RangeError(`register value ${word} is not 0-65535`);
    const high = word >> 8;
    const low = word & 0xff;
    const little = (format.byteOrder ?? 'big') === 'little';
    bytes[index * 2] = little ? low : high;
    bytes[index * 2 + 1] = little ? high : low;
  });
  const raw = readRaw(bytes, format.type);
  return raw * (format.scale ?? 1) + (format.offset ?? 0);
}

// The inverse, for tests and simulators that serve registers.
export function encodeRegisters(value: number, format: RegisterFormat): number[] {
  const raw = (value - (format.offset ?? 0)) / (format.scale ?? 1);
  const count = registerCount(format.type);
  const bytes = Buffer.alloc(count * 2);
  switch (format.type) {
    case 'int16':
      bytes.writeInt16BE(Math.round(raw));
      break;
    case 'uint16':
      bytes.writeUInt16BE(Math.round(raw));
      break;
    case 'int32':
      bytes.writeInt32BE(Math.round(raw));
      break;
    case 'uint32':
      bytes.writeUInt32BE(Math.round(raw));
      break;
    case 'float32':
      bytes.writeFloatBE(raw);
      break;
  }
  const little = (format.byteOrder ?? 'big') === 'little';
  const words = Array.from({ length: count }, (_, index) =>
    little
      ? ((bytes[index * 2 + 1] ?? 0) << 8) | (bytes[index * 2] ?? 0)
      : ((bytes[index * 2] ?? 0) << 8) | (bytes[index * 2 + 1] ?? 0),
  );
  if (count === 2 && (format.wordOrder ?? 'big') === 'little') words.reverse();
  return words;
}

function readRaw(bytes: Buffer, type: ModbusDataType): number {
  switch (type) {
    case 'int16':
      return bytes.readInt16BE(0);
    case 'uint16':
      return bytes.readUInt16BE(0);
    case 'int32':
      return bytes.readInt32BE(0);
    case 'uint32':
      return bytes.readUInt32BE(0);
    case 'float32':
      return bytes.readFloatBE(0);
  }
}
