export { decodeDeviceMessage, DEFAULT_TIMESTAMP_WINDOW } from './decode-device-message';
export type { DecodedMessage, DecodeResult, TimestampWindow } from './decode-device-message';
