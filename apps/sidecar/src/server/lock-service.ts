import type { ServiceImpl } from "@connectrpc/connect";
import type { LockApi, LockStatus } from "@layer8/lock";
import { LockKeepAliveResponse_Status, type Runtime, UnlockResponse_Status } from "@layer8/proto";
import { lookupStore } from "./lookup-store.js";

type LockRpcs = Pick<ServiceImpl<typeof Runtime>, "tryLock" | "unlock" | "lockKeepAlive">;

// INTERNAL_ERROR is never sent: a driver failure is thrown and answered as a gRPC status
// (UNAVAILABLE, DEADLINE_EXCEEDED, ...) naming the store, so it cannot pass for an answer.
const UNLOCK_STATUS: Record<LockStatus, UnlockResponse_Status> = {
  SUCCESS: UnlockResponse_Status.SUCCESS,
  LOCK_UNEXIST: UnlockResponse_Status.LOCK_UNEXIST,
  LOCK_BELONG_TO_OTHERS: UnlockResponse_Status.LOCK_BELONG_TO_OTHERS,
};

const KEEP_ALIVE_STATUS: Record<LockStatus, LockKeepAliveResponse_Status> = {
  SUCCESS: LockKeepAliveResponse_Status.SUCCESS,
  LOCK_UNEXIST: LockKeepAliveResponse_Status.LOCK_UNEXIST,
  LOCK_BELONG_TO_OTHERS: LockKeepAliveResponse_Status.LOCK_BELONG_TO_OTHERS,
};

/** The Lock rpcs of the Layotto API, translated to the Lock API of the named store. */
export function lockService(stores: ReadonlyMap<string, LockApi>): LockRpcs {
  const store = (name: string) => lookupStore(stores, "lock store", name);
  return {
    async tryLock(request) {
      const { success } = await store(request.storeName).tryLock({
        resourceId: request.resourceId,
        owner: request.lockOwner,
        expireSeconds: request.expire,
      });
      return { success };
    },

    async unlock(request) {
      const { status } = await store(request.storeName).unlock({
        resourceId: request.resourceId,
        owner: request.lockOwner,
      });
      return { status: UNLOCK_STATUS[status] };
    },

    async lockKeepAlive(request) {
      const { status } = await store(request.storeName).keepAlive({
        resourceId: request.resourceId,
        owner: request.lockOwner,
        expireSeconds: request.expire,
      });
      return { status: KEEP_ALIVE_STATUS[status] };
    },
  };
}
