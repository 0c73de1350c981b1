package dev.xanthus.api.lambda;

import dev.xanthus.api.function.FunctionGroup;

/** Lambda entry point of the applications function. */
public final class ApplicationsHandler extends FunctionHandler {
    public ApplicationsHandler() {
        super(FunctionGroup.APPLICATIONS);
    }
}
