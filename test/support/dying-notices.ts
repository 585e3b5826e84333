/**
 * A process killed in the middle of the notice worker, for the crash matrix on Node (test/notices/crash.test.ts)
 * and inside workerd (test/worker/email.test.ts): the same dependencies, except that reaching `step` of the notice
 * store throws `Killed`, before or after the step took effect. Imports only types, so both runtimes load it.
 */
import type { NoticeDeps } from '../../src/services/notice-deps.ts';
import type { NoticeStore } from '../../src/storage/notice-store.ts';

export class Killed extends Error {}

export function dying(deps: NoticeDeps, step: keyof NoticeStore, after = false): NoticeDeps {
  const notices = deps.store.notices;
  const killAt = async (...args: unknown[]) => {
    if (after) await (notices[step] as (...a: unknown[]) => Promise<unknown>)(...args);
    throw new Killed(step);
  };
  return { ...deps, store: { ...deps.store, notices: { ...notices, [step]: killAt } } };
}
