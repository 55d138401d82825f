// Lets queued messages (such as "stop") run between generated tokens: a MessageChannel round trip,
// not setTimeout, which browsers clamp to 4 ms once nested.

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
