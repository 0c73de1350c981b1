package dev.xanthus.core.job;

/**
 * Starts a job's worker without waiting for it: an asynchronous invocation of the deploy-worker Lambda in the cloud,
 * a thread pool locally. Either way the worker runs {@link JobEngine#run}.
 */
public interface JobRunner {

    void submit(String jobId);
}
