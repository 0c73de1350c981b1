package dev.xanthus.api.dns;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.dns.DomainService;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The account's Cloudflare domains: list, put behind Full (strict) TLS, show, and remove from Xanthus. */
@RestController
public class DnsController {

    private final DomainService domains;

    public DnsController(DomainService domains) {
        this.domains = domains;
    }

    /** {@code {"domain"}}. */
    public record ConfigureRequest(String domain) {}

    @GetMapping("/api/v1/dns/domains")
    ApiResponse<List<DomainService.DomainSummary>> list(Principal principal) {
        return ApiResponse.ok(domains.list(principal));
    }

    @PostMapping("/api/v1/dns/configure")
    ApiResponse<DomainService.DomainView> configure(@RequestBody ConfigureRequest body, Principal principal) {
        return ApiResponse.ok(domains.configure(principal, body.domain()));
    }

    @GetMapping("/api/v1/dns/{domain}")
    ApiResponse<DomainService.DomainView> get(@PathVariable String domain, Principal principal) {
        return ApiResponse.ok(domains.get(principal, domain));
    }

    @DeleteMapping("/api/v1/dns/{domain}")
    ApiResponse<DomainService.Removal> remove(
            @PathVariable String domain, @RequestParam(defaultValue = "false") boolean force, Principal principal) {
        return ApiResponse.ok(domains.remove(principal, domain, force));
    }
}
