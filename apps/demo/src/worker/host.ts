// Serves Api requests arriving on a port (the worker's global scope, or a MessagePort in tests):
// one handler per request type; events and the final result or error go back tagged with the id.

import { type Api, type RequestMessage, type RequestType, type ResponseMessage, errorInfo, transferablesOf } from "../protocol.js";

export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

export type Handlers = {
  [K in RequestType]: (request: Api[K]["request"], emit: (event: Api[K]["event"]) => void) => Promise<Api[K]["result"]> | Api[K]["result"];
};

export function serve(port: Port, handlers: Handlers): void {
  port.addEventListener("message", (event: MessageEvent) => {
    void dispatch(port, handlers, event.data as RequestMessage);
  });
}

async function dispatch(port: Port, handlers: Handlers, message: RequestMessage): Promise<void> {
  const { id, type, ...request } = message;
  const post = (m: ResponseMessage, transfer: Transferable[] = []): void => port.postMessage(m, transfer);
  try {
    const handler = handlers[type] as ((r: unknown, emit: (e: unknown) => void) => unknown) | undefined;
    if (typeof handler !== "function") throw new TypeError(`unknown request type ${JSON.stringify(type)}`);
    const emit = (e: unknown): void => post({ id, kind: "event", event: e as never }, transferablesOf(e));
    const result = await handler(request, emit);
    post({ id, kind: "result", result: result as never }, transferablesOf(result));
  } catch (error) {
    post({ id, kind: "error", error: errorInfo(error) });
  }
}
