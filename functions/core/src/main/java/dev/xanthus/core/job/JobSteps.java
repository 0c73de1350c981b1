package dev.xanthus.core.job;

import java.util.List;

/** The steps of one kind of job. Each step must be idempotent: a retry runs it again if it did not finish. */
public interface JobSteps {

    String kind();

    List<String> stepNames();

    /** Runs one step; throw to fail the job (an {@code AppException}'s message is shown to the user as is). */
    void run(String step, Job job) throws Exception;

    /** Called once when every step is done. */
    default void onSuccess(Job job) {}

    /** Called once when a step failed, with the user-facing reason. */
    default void onFailure(Job job, String reason) {}

    /** A kind whose name and steps are fixed when it is made: what every kind so far is. */
    abstract class Named implements JobSteps {
        private final String kind;
        private final List<String> steps;

        protected Named(String kind, List<String> steps) {
            this.kind = kind;
            this.steps = List.copyOf(steps);
        }

        @Override
        public final String kind() {
            return kind;
        }

        @Override
        public final List<String> stepNames() {
            return steps;
        }
    }
}
