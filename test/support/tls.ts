/**
 * Fetches that trust one extra CA (a stand-in's throw-away certificate) without touching the process: an undici
 * `Agent` whose TLS connector has `ca` set, handed to Node's global fetch (which is undici) as its `dispatcher`.
 * `node:` exposes no Agent, hence the `undici` dev dependency (same major as the undici bundled in Node 24).
 * The Graph client calls the global fetch with `fetchOptions` spread into its init, so
 * `Client.init({ fetchOptions: { dispatcher: trustingDispatcher(ca) } })` makes it trust the stand-in too.
 */
import { Agent } from 'undici';

const agents = new Map<string, Agent>();

/** One keep-alive agent per CA PEM (cached), trusting only that CA. */
export function trustingDispatcher(caPem: string): Agent {
  let agent = agents.get(caPem);
  if (!agent) {
    agent = new Agent({ connect: { ca: caPem } });
    agents.set(caPem, agent);
  }
  return agent;
}

/** The global fetch, trusting `caPem` (and only it) for https. */
export function trustingFetch(caPem: string): typeof fetch {
  const dispatcher = trustingDispatcher(caPem);
  return (input, init) => fetch(input, { ...init, dispatcher });
}

/** Closes the cached agents (their idle sockets); call it in afterAll. */
export async function closeTrustingDispatchers(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((agent) => agent.close()));
}
