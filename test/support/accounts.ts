/**
 * Two departments in one test service: the shipped roster of Sở VHTTDL (department A) and an API-created roster of
 * Sở Tư pháp (department B), and an account with an API token and a password for each role.
 */
import type { Role } from '../../src/domain/permissions.ts';
import type { TestService } from './service.ts';

export const PEPPER = 'test-pepper-0123456789abcdefghijklmnop';
export const ROSTER_A = 'so-vhttdl-bac-giang';
export const ORGANISATION_A = 'so-vhttdl';
export const ROSTER_B = 'so-tu-phap-mot-cua';
export const ORGANISATION_B = 'so-tu-phap';

export interface TestAccount {
  id: string;
  role: Role;
  password: string;
  token: string;
}

export async function addDepartmentB(service: TestService): Promise<void> {
  const letter = await service.json<{ definition: Record<string, unknown> }>(
    'GET',
    `/api/rosters/${ROSTER_A}`,
    200,
  );
  const organisation = {
    id: ORGANISATION_B,
    names: [{ from: '2020-01-01', name: 'Sở Tư pháp tỉnh Bắc Giang' }],
  };
  await service.json('POST', '/api/rosters', 201, {
    ...letter.body.definition,
    id: ROSTER_B,
    name: 'Lịch trực Một cửa – Sở Tư pháp',
    organisation,
  });
}

/** Creates an account (as the bootstrap admin) and issues it a token. */
export async function addAccount(
  service: TestService,
  id: string,
  role: Role,
  organisationId?: string,
  rosters: string[] = [],
): Promise<TestAccount> {
  service.appDeps.passwordPepper = PEPPER;
  const password = `mat-khau-cua-${id}`;
  await service.json('POST', '/api/accounts', 201, {
    id,
    name: `Tài khoản ${id}`,
    role,
    ...(organisationId ? { organisationId } : {}),
    rosters,
    password,
  });
  const issued = await service.json<{ secret: string }>('POST', `/api/accounts/${id}/tokens`, 201, {
    label: 'kiểm thử',
  });
  return { id, role, password, token: issued.body.secret };
}
