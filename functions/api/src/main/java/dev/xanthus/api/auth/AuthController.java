package dev.xanthus.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.auth.TokenCheck;
import dev.xanthus.core.auth.TokenValidation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in with a Cloudflare token, session introspection and logout. */
@RestController
public class AuthController {

    private final AuthService auth;

    public AuthController(AuthService auth) {
        this.auth = auth;
    }

    /** {@code {"token","accountId"?}}. */
    public record LoginRequest(String token, String accountId) {
        @Override
        public String toString() {
            return "LoginRequest[accountId=" + accountId + "]";
        }
    }

    /** {@code {"token"}}. */
    public record ValidateRequest(String token) {
        @Override
        public String toString() {
            return "ValidateRequest[]";
        }
    }

    public record LoginData(
            @JsonProperty("jwt_token") String jwtToken,
            @JsonProperty("account_id") String accountId,
            String email,
            String name,
            @JsonProperty("namespace_id") String namespaceId,
            @JsonProperty("expires_at") Instant expiresAt,
            List<TokenValidation.AccountRef> accounts,
            List<TokenCheck.Permission> permissions) {}

    public record PermissionsData(List<TokenCheck.Permission> permissions) {}

    public record ValidateData(
            boolean valid,
            @JsonProperty("account_id") String accountId,
            @JsonProperty("namespace_id") String namespaceId) {}

    public record MeData(
            @JsonProperty("account_id") String accountId,
            String email,
            String name,
            @JsonProperty("namespace_id") String namespaceId,
            @JsonProperty("token_validated_at") Instant tokenValidatedAt,
            @JsonProperty("session_expires_at") Instant sessionExpiresAt) {}

    /*
     * The throttle's address is getRemoteAddr() and nothing a client can write. In Lambda that is API Gateway's
     * requestContext.http.sourceIp (aws-serverless-java-container's AwsHttpApiV2ProxyHttpServletRequest), the peer of
     * the TCP connection; locally it is Tomcat's peer. X-Forwarded-For, X-Real-IP and CloudFront-Viewer-Address are not
     * trusted: CloudFront's origin is the public execute-api endpoint (infra-cdk WebConstruct), which anyone can call
     * directly with any header. Through CloudFront the address is therefore an edge's; trusting
     * CloudFront-Viewer-Address needs proof the request came through CloudFront first (a secret origin header).
     */
    @PostMapping("/api/auth/login")
    ApiResponse<LoginData> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        AuthService.Login login = auth.login(body.token(), body.accountId(), request.getRemoteAddr());
        TokenValidation v = login.validation();
        return ApiResponse.ok(new LoginData(
                login.jwt(),
                v.accountId(),
                v.email(),
                v.name(),
                v.namespaceId(),
                login.expiresAt(),
                v.accounts(),
                v.permissions()));
    }

    @PostMapping("/api/auth/validate")
    ApiResponse<ValidateData> validate(@RequestBody ValidateRequest body, HttpServletRequest request) {
        TokenValidation v = auth.validate(body.token(), request.getRemoteAddr());
        return ApiResponse.ok(new ValidateData(true, v.accountId(), v.namespaceId()));
    }

    @PostMapping("/api/auth/logout")
    ApiResponse<Object> logout(
            @org.springframework.web.bind.annotation.RequestHeader(
                            value = org.springframework.http.HttpHeaders.AUTHORIZATION,
                            required = false)
                    String authorization) {
        auth.logout(authorization);
        return ApiResponse.ok(java.util.Map.of("logged_out", true));
    }

    /** The token check afresh, for the settings page (see {@link AuthService#permissions}). */
    @GetMapping("/api/auth/permissions")
    ApiResponse<PermissionsData> permissions(Principal principal) {
        return ApiResponse.ok(new PermissionsData(auth.permissions(principal)));
    }

    @GetMapping("/api/auth/me")
    ApiResponse<MeData> me(Principal principal) {
        return ApiResponse.ok(new MeData(
                principal.accountId(),
                principal.email(),
                principal.name(),
                principal.namespaceId(),
                principal.tokenValidatedAt(),
                principal.sessionExpiresAt()));
    }
}
