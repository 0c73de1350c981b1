// CloudFormation custom resource: generates Xanthus's keys at deploy time so no key ever appears in a template.
// Create/Update: a KMS-encrypted AES-256 data key (returned as DataKeyCiphertext), an ES256 signing key (private
// JWK written to the JWT secret; public JWK returned as JwtPublicJwk) and a random CloudFront origin token.
// Update happens only when KeyId, SecretId or Generation change: it rotates everything (signs every user out).
const https = require('https');
const crypto = require('crypto');
const { KMSClient, GenerateDataKeyWithoutPlaintextCommand } = require('@aws-sdk/client-kms');
const { SecretsManagerClient, PutSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

exports.handler = async (event) => {
  try {
    if (event.RequestType === 'Delete') {
      return await respond(event, 'SUCCESS', {}, event.PhysicalResourceId);
    }
    const p = event.ResourceProperties;
    const key = await new KMSClient({}).send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: p.KeyId, KeySpec: 'AES_256' }));
    const pair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = crypto.randomUUID();
    const jwk = (k) => ({ ...k.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' });
    await new SecretsManagerClient({}).send(
      new PutSecretValueCommand({ SecretId: p.SecretId, SecretString: JSON.stringify(jwk(pair.privateKey)) }));
    await respond(event, 'SUCCESS', {
      DataKeyCiphertext: Buffer.from(key.CiphertextBlob).toString('base64'),
      JwtPublicJwk: JSON.stringify(jwk(pair.publicKey)),
      OriginVerify: crypto.randomBytes(32).toString('base64url'),
    }, 'xanthus-keys-' + kid);
  } catch (e) {
    console.error('key generation failed', e.name, e.message);
    await respond(event, 'FAILED', {}, event.PhysicalResourceId || 'xanthus-keys-failed', e.name);
  }
};

function respond(event, status, data, physicalId, reason) {
  const body = JSON.stringify({
    Status: status, Reason: reason || 'see the CloudWatch log', PhysicalResourceId: physicalId,
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: data,
  });
  return new Promise((resolve, reject) => {
    const req = https.request(event.ResponseURL,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', reject);
    req.end(body);
  });
}
