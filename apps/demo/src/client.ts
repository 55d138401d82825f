// The page's side of the worker protocol: typed request() returning a promise, with a callback for
// the events a request streams (generated tokens, load progress).

import type { Api, ErrorInfo, RequestType, ResponseMessage } from "./protocol.js";

export interface ClientPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

/** An error the worker reported, with the worker-side error name (e.g. "TokenizerFileError"). */
export class WorkerError extends Error {
  readonly workerName: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = "WorkerError";
    this.workerName = info.name;
  }
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  onEvent: ((event: unknown) => void) | undefined;
}

export class WorkerClient {
  readonly #port: ClientPort;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(port: ClientPort) {
    this.#port = port;
    port.addEventListener("message", (event: MessageEvent) => this.#receive(event.data as ResponseMessage));
  }

  request<K extends RequestType>(
    type: K,
    request: Api[K]["request"],
    options: { onEvent?: (event: Api[K]["event"]) => void; transfer?: Transferable[] } = {},
  ): Promise<Api[K]["result"]> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve: resolve as (r: unknown) => void,
        reject,
        onEvent: options.onEvent as ((e: unknown) => void) | undefined,
      });
      this.#port.postMessage({ id, type, ...request }, options.transfer ?? []);
    });
  }

  /** Requests still waiting for their result. */
  get pending(): number {
    return this.#pending.size;
  }

  #receive(message: ResponseMessage): void {
    const p = this.#pending.get(message.id);
    if (!p) return;
    if (message.kind === "event") p.onEvent?.(message.event);
    else {
      this.#pending.delete(message.id);
      if (message.kind === "result") p.resolve(message.result);
      else p.reject(new WorkerError(message.error));
    }
  }
}
