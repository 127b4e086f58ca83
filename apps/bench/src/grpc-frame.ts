/** gRPC's length-prefixed message: a compressed flag byte, then a 4-byte big-endian length. */
export const FRAME_HEADER_BYTES = 5;

/** `message` behind an uncompressed gRPC frame header. */
export function frame(message: Uint8Array): Uint8Array {
  const framed = new Uint8Array(FRAME_HEADER_BYTES + message.length);
  new DataView(framed.buffer).setUint32(1, message.length);
  framed.set(message, FRAME_HEADER_BYTES);
  return framed;
}

/**
 * The message of a request body that must hold exactly one uncompressed frame, as a unary call's
 * does. Throws, saying what is wrong, for anything else.
 */
export function singleMessage(body: Uint8Array): Uint8Array {
  if (body.length < FRAME_HEADER_BYTES) {
    throw new Error(`a gRPC frame needs a 5-byte header; the body has ${body.length} bytes`);
  }
  if (body[0] !== 0) throw new Error("the message is compressed; this server sends none back");
  const length = new DataView(body.buffer, body.byteOffset, body.length).getUint32(1);
  if (body.length !== FRAME_HEADER_BYTES + length) {
    throw new Error(
      `the frame header says ${length} bytes but ${body.length - FRAME_HEADER_BYTES} follow`,
    );
  }
  return body.subarray(FRAME_HEADER_BYTES);
}
