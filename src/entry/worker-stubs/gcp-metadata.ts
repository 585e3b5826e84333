/**
 * `gcp-metadata` in the Worker bundle (wrangler.toml aliases the package here). google-auth-library asks it for the
 * credentials of a Google Compute Engine machine, which lichtruc never uses: it signs its own service-account grant
 * (src/providers/google/service-account.ts), and no Worker can reach a metadata server. The package and what it
 * brings (json-bigint, bignumber.js) cost the bundle 14 KiB gzip; every call here says why it cannot answer.
 */
const absent = async (): Promise<never> => {
  throw new Error('no Google Compute Engine metadata server on Cloudflare Workers');
};

export const BASE_PATH = '/computeMetadata/v1';
export const HOST_ADDRESS = 'http://169.254.169.254';
export const SECONDARY_HOST_ADDRESS = 'http://metadata.google.internal.';
export const HEADER_NAME = 'Metadata-Flavor';
export const HEADER_VALUE = 'Google';
export const HEADERS = Object.freeze({ [HEADER_NAME]: HEADER_VALUE });
export const instance = absent;
export const project = absent;
export const universe = absent;
export const bulk = absent;
export const isAvailable = async () => false;
export const resetIsAvailableCache = () => {};
export const getGCPResidency = () => false;
export const setGCPResidency = () => {};
export const requestTimeout = () => 0;
