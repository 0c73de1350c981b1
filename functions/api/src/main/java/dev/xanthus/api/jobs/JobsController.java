package dev.xanthus.api.jobs;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobRepository;
import dev.xanthus.core.job.JobRunner;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Progress of asynchronous jobs (deploys, upgrades, deletes), and retrying a failed one. */
@RestController
public class JobsController {

  private final JobRepository jobs;
  private final JobRunner runner;

  public JobsController(JobRepository jobs, JobRunner runner) {
    this.jobs = jobs;
    this.runner = runner;
  }

  /** A job as the UI shows it; never its secrets or internal parameters. */
  public record JobView(String id, String kind, String subjectId, String status, int progress, List<Job.Step> steps,
      String error, int attempt, Instant createdAt, Instant updatedAt) {
    public static JobView of(Job job) {
      return new JobView(job.id(), job.kind(), job.subjectId(), job.status().name().toLowerCase(), job.progress(),
          job.steps(), job.error(), job.attempt(), job.createdAt(), job.updatedAt());
    }
  }

  @GetMapping("/api/v1/jobs/{id}")
  ApiResponse<JobView> get(Principal principal, @PathVariable String id) {
    return ApiResponse.ok(JobView.of(owned(principal, id)));
  }

  @PostMapping("/api/v1/jobs/{id}/retry")
  ResponseEntity<ApiResponse<JobView>> retry(Principal principal, @PathVariable String id) {
    Job job = owned(principal, id);
    if (job.status() != Job.Status.FAILED) {
      throw AppException.conflict("JOB_NOT_FAILED", "Only a failed job can be retried; this one is "
          + job.status().name().toLowerCase() + ".");
    }
    Job requeued = jobs.requeue(job.id()).orElseThrow(() -> AppException.conflict("JOB_NOT_FAILED",
        "The job changed meanwhile; reload it."));
    runner.submit(requeued.id());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(JobView.of(requeued)));
  }

  private Job owned(Principal principal, String id) {
    if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
      throw AppException.badRequest("INVALID_JOB_ID", "A job id is letters, digits and dashes.");
    }
    return jobs.find(id).filter(j -> j.accountId().equals(principal.accountId()))
        .orElseThrow(() -> AppException.notFound("JOB_NOT_FOUND", "There is no such job."));
  }
}
