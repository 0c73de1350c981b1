#!/usr/bin/env python3
"""Derives hetzner-today.openapi30.json, the contract the clients' tests validate simulator traffic against.

Input: hetzner-subset-2026-07.json (Hetzner's spec of 2026-07, OpenAPI 3.1, copied from shared/contracts) and, for
GET /actions (absent from that subset), the May 2026 full spec in shared/contracts/sources. Output: OpenAPI 3.0.3,
because the Java validator (swagger-request-validator) reads 3.0 only, plus what changed since (CHANGES-2026-H2.md):
GET /datacenters and /datacenters/{id} answer only 410 deprecated_api_endpoint. Run from this folder:
  python3 derive-openapi30.py [path/to/hetzner-cloud.spec.2026-05.json.gz]
"""
import gzip, json, sys

FULL = sys.argv[1] if len(sys.argv) > 1 else '../../../../../shared/contracts/sources/hetzner-cloud.spec.2026-05.json.gz'


def to30(node):
    """3.1 -> 3.0: `type: [X, "null"]` becomes `type: X, nullable: true`; `examples` (3.1 only) is dropped."""
    if isinstance(node, list):
        return [to30(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == 'examples' and isinstance(value, list):
            continue
        if key == 'type' and isinstance(value, list):
            kinds = [v for v in value if v != 'null']
            out['type'] = kinds[0]
            if 'null' in value:
                out['nullable'] = True
            continue
        out[key] = to30(value)
    return out


spec = to30(json.load(open('hetzner-subset-2026-07.json')))
spec['openapi'] = '3.0.3'
full = json.load(gzip.open(FULL))
spec['paths']['/actions'] = {'get': full['paths']['/actions']['get']}
error = spec['paths']['/servers']['post']['responses']['4xx']
removed = json.load(open('examples/hz-error-datacenters-removed.json'))
gone = {'description': 'Removed after 2026-10-01 (CHANGES-2026-H2.md).',
        'content': {'application/json': {'schema': dict(error['content']['application/json']['schema'],
                                                        example=removed)}}}
spec['paths']['/datacenters'] = {'get': {'operationId': 'list_datacenters', 'responses': {'410': gone}}}
spec['paths']['/datacenters/{id}'] = {'get': {'operationId': 'get_datacenter', 'parameters': [
    {'name': 'id', 'in': 'path', 'required': True, 'schema': {'type': 'integer', 'format': 'int64'}}],
    'responses': {'410': gone}}}
json.dump(spec, open('hetzner-today.openapi30.json', 'w'), indent=1)
open('hetzner-today.openapi30.json', 'a').write('\n')
