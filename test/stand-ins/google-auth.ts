/**
 * Google's OAuth token endpoint as far as service accounts go: the JWT bearer grant (RFC 7523) signed RS256 with the
 * account's key, answered with an opaque access token; and the check of that token on every API call.
 */
import {
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  verify,
} from 'node:crypto';
import { type ApiRequest, type ApiResponse, GoogleApiError, jsonResponse } from './google-http.ts';

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The fields of a Google service-account key file that a grant needs (the JSON Google lets you download). */
export interface ServiceAccountKeyFile {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  token_uri: string;
}

interface ServiceAccount {
  clientEmail: string;
  publicKey: KeyObject;
  revoked: boolean;
}

interface IssuedToken {
  clientEmail: string;
  expiresAt: number;
}

export interface AuthRegistry {
  addServiceAccount(account: { clientEmail: string; publicKeyPem: string }): void;
  createServiceAccount(clientEmail: string): ServiceAccountKeyFile;
  revokeServiceAccount(clientEmail: string): void;
  issueToken(clientEmail: string): string;
  expireTokens(clientEmail?: string): void;
  handleTokenRequest(req: ApiRequest): ApiResponse;
  /** The caller's e-mail, or a 401 thrown as GoogleApiError. */
  authenticate(authorization: string | undefined): string;
}

export function createAuthRegistry(options: {
  tokenUrl: () => string;
  now: () => number;
  tokenTtlSeconds: number;
}): AuthRegistry {
  const accounts = new Map<string, ServiceAccount>();
  const tokens = new Map<string, IssuedToken>();

  const issueToken = (clientEmail: string): string => {
    const token = `ya29.standin-${randomBytes(24).toString('base64url')}`;
    tokens.set(token, { clientEmail, expiresAt: options.now() + options.tokenTtlSeconds * 1000 });
    return token;
  };

  const addServiceAccount: AuthRegistry['addServiceAccount'] = ({ clientEmail, publicKeyPem }) => {
    accounts.set(clientEmail, {
      clientEmail,
      publicKey: createPublicKey(publicKeyPem),
      revoked: false,
    });
  };

  return {
    addServiceAccount,
    createServiceAccount(clientEmail) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      addServiceAccount({
        clientEmail,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      return {
        type: 'service_account',
        project_id: clientEmail.split('@')[1]?.split('.')[0] ?? 'stand-in',
        private_key_id: randomBytes(20).toString('hex'),
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: clientEmail,
        client_id: String(100000000000000000000n + BigInt(accounts.size)),
        token_uri: options.tokenUrl(),
      };
    },
    revokeServiceAccount(clientEmail) {
      const account = accounts.get(clientEmail);
      if (!account) throw new Error(`stand-in: no service account ${clientEmail}`);
      account.revoked = true;
    },
    issueToken(clientEmail) {
      if (!accounts.has(clientEmail))
        throw new Error(`stand-in: no service account ${clientEmail}`);
      return issueToken(clientEmail);
    },
    expireTokens(clientEmail) {
      for (const [token, issued] of tokens)
        if (!clientEmail || issued.clientEmail === clientEmail) tokens.delete(token);
    },
    handleTokenRequest(req) {
      const form = readForm(req);
      if (form.get('grant_type') !== JWT_BEARER) {
        return oauthError(
          400,
          'unsupported_grant_type',
          `Invalid grant_type: ${form.get('grant_type') ?? ''}`,
        );
      }
      const verdict = verifyAssertion(
        form.get('assertion') ?? '',
        accounts,
        options.tokenUrl(),
        options.now(),
      );
      if (typeof verdict !== 'string') return verdict;
      return jsonResponse(200, {
        access_token: issueToken(verdict),
        expires_in: options.tokenTtlSeconds,
        token_type: 'Bearer',
      });
    },
    authenticate(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      const location = { location: 'Authorization', locationType: 'header' };
      const unauthorized = {
        'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      };
      if (!match)
        throw new GoogleApiError(401, 'required', 'Login Required.', {
          extra: location,
          headers: unauthorized,
        });
      const issued = tokens.get(match[1]!);
      const account = issued && accounts.get(issued.clientEmail);
      if (!issued || !account || account.revoked || issued.expiresAt <= options.now()) {
        throw new GoogleApiError(401, 'authError', 'Invalid Credentials', {
          extra: location,
          headers: unauthorized,
        });
      }
      return issued.clientEmail;
    },
  };
}

function readForm(req: ApiRequest): URLSearchParams {
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      return new URLSearchParams(JSON.parse(req.body) as Record<string, string>);
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(req.body);
}

function oauthError(status: number, error: string, description: string): ApiResponse {
  return jsonResponse(status, { error, error_description: description });
}

/** Returns the verified client e-mail, or the token endpoint's error answer. */
function verifyAssertion(
  assertion: string,
  accounts: Map<string, ServiceAccount>,
  tokenUrl: string,
  now: number,
): string | ApiResponse {
  const [headerPart, payloadPart, signaturePart, extra] = assertion.split('.');
  if (!headerPart || !payloadPart || !signaturePart || extra !== undefined)
    return oauthError(400, 'invalid_request', 'Invalid JWT.');
  let header: { alg?: string };
  let claims: { iss?: string; aud?: string; scope?: string; exp?: number; iat?: number };
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return oauthError(400, 'invalid_request', 'Invalid JWT.');
  }
  if (header.alg !== 'RS256') return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  const account = accounts.get(claims.iss ?? '');
  if (!account) return oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  if (
    account.revoked ||
    !verify('sha256', signed, account.publicKey, Buffer.from(signaturePart, 'base64url'))
  ) {
    return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  if (claims.aud !== tokenUrl)
    return oauthError(400, 'invalid_grant', 'Invalid JWT: Failed audience check.');
  const nowSeconds = Math.floor(now / 1000);
  const { exp, iat } = claims;
  if (
    typeof exp !== 'number' ||
    typeof iat !== 'number' ||
    exp <= nowSeconds ||
    exp - iat > 3600 ||
    iat > nowSeconds + 300
  ) {
    return oauthError(
      400,
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  }
  if (!(claims.scope ?? '').split(' ').includes(CALENDAR_SCOPE)) {
    return oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  }
  return account.clientEmail;
}
