package dev.xanthus.core.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.core.kv.KvKeys;

/**
 * KV {@code config:ssl:csr}, in the Go program's shape: the account's RSA-2048 key (PKCS#8 PEM) and a CSR for it.
 * The key signs every Origin CA certificate of the account and is also the SSH key of every server.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountCsr(
        @JsonProperty("csr") String csr,
        @JsonProperty("private_key") String privateKey,
        @JsonProperty("created_at") String createdAt) {

    public static final String KV_KEY = KvKeys.ACCOUNT_CSR;

    @Override
    public String toString() {
        return "AccountCsr[createdAt=" + createdAt + "]";
    }
}
