export { decodeControlReply, decodeDeviceMessage, DEFAULT_TIMESTAMP_WINDOW } from './decode-device-message';
export type {
  ControlReplyResult,
  DecodedControlReply,
  DecodedMessage,
  DecodeResult,
  TimestampWindow,
} from './decode-device-message';
