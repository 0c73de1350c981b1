import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api';
import {
  emptyOciForm,
  ociErrorField,
  ociFieldProblem,
  ociFormProblems,
  ociRequest,
  ociSaveMessage,
  parseOciConfig,
  pemProblem
} from './oci';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
const good = {
  tenancy: 'ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq',
  user: 'ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq',
  fingerprint: '20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34',
  region: 'eu-frankfurt-1',
  private_key: PEM
};

describe('OCI credential fields', () => {
  it('accepts what the console shows', () => {
    expect(ociFormProblems(good)).toEqual({});
    expect(ociFieldProblem('region', 'us-gov-ashburn-1')).toBeNull();
    expect(ociFieldProblem('fingerprint', ' 20:3B:97:13:55:1C:5B:0D:D3:37:D8:50:4E:C5:3A:34 ')).toBeNull();
  });

  it('names every empty field', () => {
    expect(Object.keys(ociFormProblems(emptyOciForm()))).toEqual([
      'tenancy',
      'user',
      'fingerprint',
      'region',
      'private_key'
    ]);
  });

  it('catches swapped OCIDs and region names', () => {
    expect(ociFieldProblem('tenancy', good.user)).toMatch(/user OCID/);
    expect(ociFieldProblem('user', good.tenancy)).toMatch(/tenancy OCID/);
    expect(ociFieldProblem('tenancy', 'ocid1.compartment.oc1..aaaa')).toMatch(/looks like/);
    expect(ociFieldProblem('region', 'Germany Central (Frankfurt)')).toMatch(/region identifier/);
    expect(ociFieldProblem('fingerprint', '20:3b:97')).toMatch(/16 pairs/);
  });

  it('wants an unencrypted PEM private key', () => {
    expect(pemProblem(PEM)).toBeNull();
    expect(pemProblem(PEM.replaceAll('PRIVATE KEY', 'RSA PRIVATE KEY'))).toBeNull();
    expect(pemProblem('-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----')).toMatch(/public key/);
    expect(pemProblem('-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----')).toMatch(
      /passphrase/
    );
    expect(
      pemProblem('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nabc\n-----END RSA PRIVATE KEY-----')
    ).toMatch(/passphrase/);
    expect(pemProblem('ssh-rsa AAAA… me@host')).toMatch(/Not a PEM private key/);
  });

  it('sends trimmed, lower-cased values and the key with one final newline', () => {
    expect(ociRequest({ ...good, region: ' EU-Frankfurt-1 ', private_key: `\n${PEM}\n\n` })).toEqual({
      ...good,
      private_key: `${PEM}\n`
    });
  });
});

describe('the configuration file preview', () => {
  it('fills the four fields it has', () => {
    const preview = `[DEFAULT]\nuser=${good.user}\nfingerprint=${good.fingerprint}\ntenancy=${good.tenancy}\nregion=eu-frankfurt-1\nkey_file=<path to your private keyfile> # TODO`;
    expect(parseOciConfig(preview)).toEqual({
      user: good.user,
      fingerprint: good.fingerprint,
      tenancy: good.tenancy,
      region: 'eu-frankfurt-1'
    });
  });
  it('finds nothing in unrelated text', () => {
    expect(parseOciConfig('hello\nworld')).toEqual({});
  });
});

describe('refused saves', () => {
  it('puts INVALID_OCI_CREDENTIALS next to the field it names', () => {
    expect(ociErrorField(new ApiError(400, 'INVALID_OCI_CREDENTIALS', 'bad', { field: 'fingerprint' }))).toBe(
      'fingerprint'
    );
    expect(ociErrorField(new ApiError(400, 'INVALID_OCI_CREDENTIALS', 'bad', { field: 'privateKey' }))).toBe(
      'private_key'
    );
    expect(ociErrorField(new ApiError(400, 'INVALID_OCI_CREDENTIALS', 'bad', { field: 'other' }))).toBeNull();
    expect(ociErrorField(new ApiError(400, 'OCI_CREDENTIALS_REJECTED', 'no'))).toBeNull();
  });
  it('explains a rejected test call and an unreachable Oracle', () => {
    expect(ociSaveMessage(new ApiError(400, 'OCI_CREDENTIALS_REJECTED', 'NotAuthenticated.'))).toMatch(
      /refused a signed test call.*NotAuthenticated/
    );
    expect(ociSaveMessage(new ApiError(502, 'OCI_UNAVAILABLE', 'Oracle said 503.'))).toMatch(
      /could not check the credentials: Oracle said 503/
    );
    expect(
      ociSaveMessage(
        new ApiError(
          502,
          'OCI_UNREACHABLE',
          'Oracle Cloud: cannot reach identity.eu-frankfurt-1.oci.oraclecloud.com: the name does not resolve.'
        )
      )
    ).toMatch(/could not be checked\. Oracle Cloud: cannot reach identity/);
    expect(ociSaveMessage(new ApiError(500, 'INTERNAL', 'x'))).toBeNull();
  });
});
