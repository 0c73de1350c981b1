package dev.xanthus.core.job;

import java.util.List;

/**
 * Job kinds defined together, over the same dependencies (an application's deploy, upgrade and delete; a server's
 * OCI jobs). The engine is given every such group and runs all their kinds, so wiring never picks them by position.
 */
public interface JobKinds {

    List<JobSteps> kinds();
}
