package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"time"
)

// Mirrors the Go program: EncryptData (utils/crypto.go) and GenerateCSR (services/cloudflare_ssl.go).
func encrypt(plaintext, token string) string {
	key := sha256.Sum256([]byte(token))
	block, _ := aes.NewCipher(key[:])
	gcm, _ := cipher.NewGCM(block)
	nonce := make([]byte, gcm.NonceSize())
	rand.Read(nonce)
	return base64.StdEncoding.EncodeToString(gcm.Seal(nonce, nonce, []byte(plaintext), nil))
}

func decrypt(encoded, token string) (string, error) {
	data, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return "", err
	}
	key := sha256.Sum256([]byte(token))
	block, _ := aes.NewCipher(key[:])
	gcm, _ := cipher.NewGCM(block)
	out, err := gcm.Open(nil, data[:12], data[12:], nil)
	return string(out), err
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "decrypt" {
		out, err := decrypt(os.Args[2], os.Args[3])
		if err != nil {
			fmt.Println("ERROR", err)
			os.Exit(1)
		}
		fmt.Println(out)
		return
	}
	token := "go_fixture_cloudflare_token_0123456789"
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	tmpl := x509.CertificateRequest{
		Subject:            pkix.Name{Country: []string{"US"}, Organization: []string{"Xanthus K3s Deployment"}, OrganizationalUnit: []string{"IT"}},
		SignatureAlgorithm: x509.SHA256WithRSA,
	}
	csrDER, _ := x509.CreateCertificateRequest(rand.Reader, &tmpl, key)
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	csrPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: csrDER}))
	keyPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}))
	csrRecord, _ := json.Marshal(map[string]interface{}{"csr": csrPEM, "private_key": keyPEM, "created_at": time.Date(2025, 3, 14, 9, 26, 53, 589793000, time.UTC)})
	hetznerKey, _ := json.Marshal(encrypt("hz_go_fixture_api_key_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij", token))
	fixture := map[string]interface{}{
		"cloudflare_token":           token,
		"hetzner_plaintext":          "hz_go_fixture_api_key_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij",
		"kv_config_hetzner_api_key":  string(hetznerKey),
		"kv_config_ssl_csr":          string(csrRecord),
		"csr_subject_der_base64":     base64.StdEncoding.EncodeToString(mustParse(csrDER).RawSubject),
	}
	out, _ := json.MarshalIndent(fixture, "", "  ")
	fmt.Println(string(out))
}

func mustParse(der []byte) *x509.CertificateRequest {
	r, err := x509.ParseCertificateRequest(der)
	if err != nil {
		panic(err)
	}
	return r
}
