package dev.xanthus.api.lambda;

import dev.xanthus.api.function.FunctionGroup;

/** Lambda entry point of the auth function. */
public final class AuthHandler extends FunctionHandler {
    public AuthHandler() {
        super(FunctionGroup.AUTH);
    }
}
