package dev.xanthus.api.jobs;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.job.ExecutorJobRunner;
import dev.xanthus.core.job.JobEngine;
import dev.xanthus.core.job.JobKinds;
import dev.xanthus.core.job.JobRepository;
import dev.xanthus.core.job.JobRunner;
import dev.xanthus.core.job.JobService;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.job.JobSteps;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The job machinery every function that starts jobs shares (applications, vps) and the deploy worker runs: the
 * repository, the engine over whatever job kinds the context defines, and the runner.
 */
@Configuration(proxyBeanMethods = false)
public class JobBeans {

    @Bean
    JobRepository jobRepository(DynamoDbClient dynamo, AppConfig config, SecretBox box, Clock clock) {
        return new JobRepository(dynamo, config.tableName(), box, clock);
    }

    /** Runs the kinds of every {@link JobKinds} group in the context (the applications' and the servers'). */
    @Bean
    JobEngine jobEngine(JobRepository jobs, ObjectProvider<JobKinds> groups, Clock clock) {
        List<JobSteps> kinds =
                groups.stream().flatMap(group -> group.kinds().stream()).toList();
        return new JobEngine(jobs, kinds, clock);
    }

    /** The deploy-worker Lambda when one is configured (the cloud), else a local pool (the local stack). */
    @Bean
    JobRunner jobRunner(AppConfig config, JobEngine engine) {
        if (config.deployWorkerFunction().isPresent()) {
            LambdaClient lambda = LambdaClient.builder()
                    .region(Region.of(config.region()))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            return new LambdaJobRunner(lambda, config.deployWorkerFunction().get());
        }
        return new ExecutorJobRunner(engine, 4);
    }

    @Bean
    JobService jobService(JobRepository jobs, JobRunner runner) {
        return new JobService(jobs, runner);
    }

    @Bean
    JobStarter jobStarter(JobRepository jobs, JobRunner runner, Clock clock) {
        return new JobStarter(jobs, runner, clock);
    }
}
