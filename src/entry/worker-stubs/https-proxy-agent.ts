/**
 * `https-proxy-agent` in the Worker bundle (wrangler.toml aliases the package here). gaxios, under the Google
 * client, imports it only when a request is to go through an HTTP proxy (HTTPS_PROXY and the like), which a Worker
 * never has: its fetch is the platform's. Out of the bundle with its `agent-base` and `debug`, 15 KiB of code less
 * to compile at start-up; asked for anyway, it says why it is not there.
 */
export class HttpsProxyAgent {
  constructor() {
    throw new Error(
      "https-proxy-agent is not in lichtruc's Worker: a Worker's fetch takes no proxy",
    );
  }
}
