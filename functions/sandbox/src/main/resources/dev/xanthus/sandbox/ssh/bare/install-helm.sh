#!/bin/bash
# The sandbox's get-helm-3: installs helm (the emulated one) into this sandbox server's folder.
set -e
echo 'Downloading https://get.helm.sh/helm-v3.19.0-linux-amd64.tar.gz'
[ "${XANTHUS_DELAY_HELM:-0}" = 0 ] || command -p sleep "$XANTHUS_DELAY_HELM"
command -p ln -sf _k8s "$XANTHUS_ROOT/bin/helm"
echo 'helm installed into /usr/local/bin/helm'
