package dev.xanthus.api.lambda;

import dev.xanthus.api.function.FunctionGroup;

/** Lambda entry point of the vps function. */
public final class VpsHandler extends FunctionHandler {
    public VpsHandler() {
        super(FunctionGroup.VPS);
    }
}
