import type { EventEmitter } from "node:events";
import type { Namespace } from "socket.io";
import { ClusterAdapter, type ClusterMessage, type ClusterResponse } from "socket.io-adapter";

/**
 * A cluster adapter over an in-process event bus, for tests that run two Agora instances in
 * one process without a PostgreSQL server (embedded PGlite): it behaves like the Postgres
 * adapter for rooms and serverSideEmit, with every message copied as if serialized.
 */
class BusAdapter extends ClusterAdapter {
  private readonly onBusMessage = (message: ClusterMessage) => {
    if (message.uid !== this.uid) this.onMessage(structuredClone(message));
  };
  private readonly onBusResponse = (response: ClusterResponse) => {
    if (response.uid !== this.uid) this.onResponse(structuredClone(response));
  };

  constructor(
    nsp: Namespace,
    private readonly bus: EventEmitter,
  ) {
    super(nsp);
    bus.on("message", this.onBusMessage);
    bus.on("response", this.onBusResponse);
  }

  protected async doPublish(message: ClusterMessage): Promise<string> {
    // Delivered asynchronously, like a network hop.
    setImmediate(() => this.bus.emit("message", message));
    return "";
  }

  protected async doPublishResponse(_requester: string, response: ClusterResponse): Promise<void> {
    setImmediate(() => this.bus.emit("response", response));
  }

  override close() {
    this.bus.off("message", this.onBusMessage);
    this.bus.off("response", this.onBusResponse);
  }
}

/** Socket.IO calls the adapter factory with `new`: it must be a function, not an arrow. */
export function createBusAdapter(bus: EventEmitter) {
  return function busAdapter(nsp: Namespace) {
    return new BusAdapter(nsp, bus);
  };
}
