/**
 * Resolves on the next macrotask. The worker yields between simulation slices so that
 * comlink can deliver a cancel (or any other message) that arrived meanwhile. A
 * MessageChannel hop is used rather than setTimeout(0), which browsers clamp to 4 ms once
 * timeouts nest, and which would then cost a good share of every slice.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
