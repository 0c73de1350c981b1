package dev.xanthus.api.jobs;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.job.JobService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Progress of asynchronous jobs (deploys, upgrades, deletes), and retrying a failed one. */
@RestController
public class JobsController {

    private final JobService jobs;

    public JobsController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/jobs/{id}")
    ApiResponse<JobService.JobView> get(Principal principal, @PathVariable String id) {
        return ApiResponse.ok(jobs.get(principal, id));
    }

    @PostMapping("/api/v1/jobs/{id}/retry")
    ResponseEntity<ApiResponse<JobService.JobView>> retry(Principal principal, @PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(jobs.retry(principal, id)));
    }
}
