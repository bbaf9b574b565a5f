import { SocketAddress } from 'node:net';

/**
 * Node 20 makes every web stream it constructs (ReadableStream, WritableStream, TransformStream)
 * transferable to worker threads by calling `makeTransferable`, which rebuilds the new object as a
 * C++-backed host object and copies its properties across. That is the single largest cost of a
 * streamed model call: undici's fetch builds two streams and the AI SDK's SSE pipeline five more
 * (response wrapper, TextDecoderStream, EventSourceParserStream, JSON parsing, the provider's
 * mapping), about 0.1–0.15 ms per call on this machine. Node 21+ replaced it with a cheap flag
 * (`markTransferMode`).
 *
 * `makeTransferable` returns at once for an object that is already `instanceof JSTransferable`. This
 * puts JSTransferable's prototype (reachable as the parent of `net.SocketAddress.prototype`) under
 * the three stream prototypes, so construction skips the rebuild. Everything else about the streams
 * is unchanged; what is lost is posting a web stream to a worker thread (`postMessage(s, [s])` then
 * throws "Found invalid object in transferList"), which Fitwise never does.
 *
 * Applied once, on Node 20 only, when the gateway is created; `FITWISE_FAST_WEB_STREAMS=off` keeps
 * Node's behaviour. Returns whether the streams are (now) patched.
 */
export function useFastWebStreams(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FITWISE_FAST_WEB_STREAMS === 'off') return false;
  if (Number(process.versions.node.split('.')[0]) !== 20) return false;
  const transferable = Object.getPrototypeOf(SocketAddress.prototype) as object | null;
  if (!transferable || transferable.constructor?.name !== 'JSTransferable') return false;
  const streams = [ReadableStream, WritableStream, TransformStream];
  if (streams.every((s) => Object.getPrototypeOf(s.prototype) === transferable)) return true;
  if (!streams.every((s) => Object.getPrototypeOf(s.prototype) === Object.prototype)) return false; // someone else changed them
  for (const s of streams) Object.setPrototypeOf(s.prototype, transferable);
  return true;
}
