// The in-process event bus behind subscriptions: the outbox feed publishes each change once, and every
// open subscription of this replica gets it. Each subscriber has a bounded queue: one that reads slower
// than events arrive (a stalled socket, a client on a slow link) is ended with an error saying so,
// instead of holding memory without bound or failing the publisher (and with it the whole process).

/** Events one subscriber may have waiting before it is ended. */
export const MAX_PENDING = 1000;

export interface PubSub {
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string): AsyncIterableIterator<unknown>;
}

class Subscriber implements AsyncIterableIterator<unknown> {
  private readonly queue: unknown[] = [];
  private waiting?: { resolve: (r: IteratorResult<unknown>) => void; reject: (e: Error) => void };
  private failure?: Error;
  private closed = false;

  constructor(private readonly leave: () => void, private readonly max: number) {}

  push(payload: unknown): void {
    if (this.closed) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: payload, done: false });
      return;
    }
    if (this.queue.length >= this.max) {
      this.fail(new Error(`this subscription fell behind: more than ${this.max} events waited to be sent; subscribe again (changes missed meanwhile are in the lists)`));
      return;
    }
    this.queue.push(payload);
  }

  private fail(e: Error): void {
    this.failure = e;
    this.queue.length = 0;
    this.closed = true;
    this.leave();
    if (this.waiting) {
      this.waiting.reject(e);
      this.waiting = undefined;
    }
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift(), done: false });
    if (this.failure) {
      const e = this.failure;
      this.failure = undefined;
      return Promise.reject(e);
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<unknown>> {
    this.closed = true;
    this.queue.length = 0;
    this.leave();
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = undefined;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<unknown> {
    return this;
  }
}

/**
 * A new in-process bus: `publish` hands the payload to every open subscription of the topic; a subscriber with more than
 * `maxPending` events waiting is ended with an error telling the client to subscribe again.
 */
export function createPubSubBus(maxPending = MAX_PENDING): PubSub {
  const topics = new Map<string, Set<Subscriber>>();
  return {
    publish(topic, payload) {
      for (const s of topics.get(topic) ?? []) s.push(payload);
    },
    subscribe(topic) {
      const set = topics.get(topic) ?? new Set<Subscriber>();
      topics.set(topic, set);
      const s: Subscriber = new Subscriber(() => set.delete(s), maxPending);
      set.add(s);
      return s;
    },
  };
}
