import type { DriverMessage, DriverMessageHandler } from "../driver.js";

/** A message waiting in a group, numbered in publish order. */
export interface QueuedMessage extends DriverMessage {
  sequence: number;
}

/** One subscription's membership: a handler and the messages it holds. */
class Member {
  readonly onMessage: DriverMessageHandler;
  readonly maxInFlight: number;
  readonly inFlight = new Set<Promise<void>>();

  constructor(onMessage: DriverMessageHandler, maxInFlight: number) {
    this.onMessage = onMessage;
    this.maxInFlight = maxInFlight;
  }

  get free(): boolean {
    return this.inFlight.size < this.maxInFlight;
  }
}

/**
 * A consumer group of one topic, in memory: a queue of the messages no member has settled yet,
 * handed to members in turn as they have room. A message a member rejects (or holds when it
 * leaves) goes back to its place in the queue, so the group loses nothing while the process runs.
 */
export class MemoryGroup {
  readonly #queue: QueuedMessage[] = [];
  readonly #members: Member[] = [];
  #turn = 0;

  get queued(): number {
    return this.#queue.length;
  }

  enqueue(message: QueuedMessage): void {
    this.#queue.push(message);
    this.#dispatch();
  }

  /** Adds a member; returns how to remove it (waiting for what it holds to settle). */
  join(onMessage: DriverMessageHandler, maxInFlight: number): () => Promise<void> {
    const member = new Member(onMessage, maxInFlight);
    this.#members.push(member);
    this.#dispatch();
    return async () => {
      const index = this.#members.indexOf(member);
      if (index >= 0) this.#members.splice(index, 1);
      // Whatever it holds settles: acknowledged, or back in the queue for the others.
      await Promise.allSettled([...member.inFlight]);
    };
  }

  /** Drops everything: the driver is closing. */
  clear(): void {
    this.#queue.length = 0;
    this.#members.length = 0;
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const member = this.#nextFreeMember();
      if (!member) return;
      this.#hand(member, this.#queue.shift()!);
    }
  }

  /** The next member with room, taking turns so that members share the work. */
  #nextFreeMember(): Member | undefined {
    const count = this.#members.length;
    for (let step = 0; step < count; step++) {
      const member = this.#members[(this.#turn + step) % count]!;
      if (member.free) {
        this.#turn = (this.#turn + step + 1) % count;
        return member;
      }
    }
    return undefined;
  }

  #hand(member: Member, message: QueuedMessage): void {
    // Called on a later tick: a publish never runs a handler inside the publisher's call.
    const settled = Promise.resolve()
      .then(() => member.onMessage(message))
      .then(
        () => undefined,
        () => this.#requeue(message),
      )
      .finally(() => {
        member.inFlight.delete(settled);
        this.#dispatch();
      });
    member.inFlight.add(settled);
  }

  /** Puts a message back at its place by publish order. */
  #requeue(message: QueuedMessage): void {
    let index = this.#queue.findIndex((queued) => queued.sequence > message.sequence);
    if (index < 0) index = this.#queue.length;
    this.#queue.splice(index, 0, message);
  }
}
