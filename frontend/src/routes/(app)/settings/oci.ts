// Oracle Cloud credentials: the form's checks (what the API would refuse anyway, said before sending) and the
// console's "Configuration file preview" read into the fields.
import { ApiError } from '$lib/api';
import type { OciCredentials } from '$lib/types';

export type OciField = keyof OciCredentials;
export const OCI_FIELDS: readonly OciField[] = ['tenancy', 'user', 'fingerprint', 'region', 'private_key'];

export type OciForm = Record<OciField, string>;
export const emptyOciForm = (): OciForm => ({ tenancy: '', user: '', fingerprint: '', region: '', private_key: '' });

// ocid1.<type>.<realm>.[region].<unique>: the tenancy's and the user's have an empty region part.
const ocid = (type: string) => new RegExp(`^ocid1\\.${type}\\.[a-z0-9-]+\\.[a-z0-9-]*\\.[a-z0-9_-]+$`);
const OCID_TENANCY = ocid('tenancy');
const OCID_USER = ocid('user');
const FINGERPRINT = /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/;
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+-\d+$/;

/** What is wrong with one field, or null. */
export function ociFieldProblem(field: OciField, raw: string): string | null {
  const v = field === 'private_key' ? raw.trim() : raw.trim().toLowerCase();
  switch (field) {
    case 'tenancy':
      if (!v) return 'Enter the tenancy OCID.';
      if (v.startsWith('ocid1.user.')) return 'This is a user OCID; the tenancy OCID starts with ocid1.tenancy.';
      return OCID_TENANCY.test(v) ? null : 'A tenancy OCID looks like ocid1.tenancy.oc1..aaaa…';
    case 'user':
      if (!v) return 'Enter the user OCID.';
      if (v.startsWith('ocid1.tenancy.')) return 'This is the tenancy OCID; the user OCID starts with ocid1.user.';
      return OCID_USER.test(v) ? null : 'A user OCID looks like ocid1.user.oc1..aaaa…';
    case 'fingerprint':
      if (!v) return 'Enter the API key fingerprint.';
      return FINGERPRINT.test(v) ? null : 'A fingerprint is 16 pairs of hex digits separated by colons (12:34:…:ef).';
    case 'region':
      if (!v) return 'Enter the region identifier.';
      return REGION.test(v) ? null : 'Use the region identifier, e.g. eu-frankfurt-1 (not the region name).';
    case 'private_key':
      return pemProblem(v);
  }
}

/** The API signing key must be an unencrypted PEM private key (the console's "Download private key"). */
export function pemProblem(pem: string): string | null {
  const t = pem.trim();
  if (!t) return 'Paste the private key or choose its .pem file.';
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(t))
    return 'This is the public key. Use the private key file (…private.pem or oci_api_key.pem).';
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(t) || /Proc-Type:\s*4,ENCRYPTED/.test(t)) {
    return 'This key has a passphrase. Use a key without one (the console’s “Generate API key pair” makes one).';
  }
  if (!/^-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (RSA |EC )?PRIVATE KEY-----$/.test(t)) {
    return 'Not a PEM private key: it starts with -----BEGIN PRIVATE KEY----- and ends with -----END PRIVATE KEY-----.';
  }
  return null;
}

/** Every field's problem (only the fields that have one). */
export function ociFormProblems(form: OciForm): Partial<Record<OciField, string>> {
  const problems: Partial<Record<OciField, string>> = {};
  for (const f of OCI_FIELDS) {
    const p = ociFieldProblem(f, form[f]);
    if (p) problems[f] = p;
  }
  return problems;
}

/** The request body: OCIDs, fingerprint and region trimmed and lower-cased, the key trimmed with one final newline. */
export function ociRequest(form: OciForm): OciCredentials {
  return {
    tenancy: form.tenancy.trim().toLowerCase(),
    user: form.user.trim().toLowerCase(),
    fingerprint: form.fingerprint.trim().toLowerCase(),
    region: form.region.trim().toLowerCase(),
    private_key: `${form.private_key.trim()}\n`
  };
}

/**
 * Reads the console's "Configuration file preview" (an OCI CLI config: `[DEFAULT]`, `user=…`, `fingerprint=…`,
 * `tenancy=…`, `region=…`, `key_file=…`) into the fields it names; the key itself is never in it.
 */
export function parseOciConfig(text: string): Partial<OciForm> {
  const found: Partial<OciForm> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^\s*(tenancy|user|fingerprint|region)\s*=\s*(\S+)\s*$/i);
    if (m) found[m[1].toLowerCase() as OciField] = m[2];
  }
  return found;
}

/** Where a refused save belongs: `details.field` of 400 INVALID_OCI_CREDENTIALS names it (camelCase or snake_case). */
export function ociErrorField(e: unknown): OciField | null {
  if (!(e instanceof ApiError) || e.code !== 'INVALID_OCI_CREDENTIALS') return null;
  const raw = String(e.details?.field ?? '');
  const f = raw === 'privateKey' ? 'private_key' : raw;
  return (OCI_FIELDS as readonly string[]).includes(f) ? (f as OciField) : null;
}

/** The sentence shown above the form for errors that belong to no single field. */
export function ociSaveMessage(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  if (e.code === 'OCI_CREDENTIALS_REJECTED') {
    return `Oracle Cloud refused a signed test call with these credentials: ${e.message} Check that the fingerprint belongs to this user’s API key and that the private key is the one you uploaded.`;
  }
  if (e.code === 'OCI_UNREACHABLE') return `The credentials could not be checked. ${e.message}`;
  if (e.code === 'OCI_UNAVAILABLE')
    return `Oracle Cloud could not check the credentials: ${e.message} Try again in a moment.`;
  return null;
}
