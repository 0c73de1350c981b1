package dev.xanthus.api.lambda;

import dev.xanthus.api.function.FunctionGroup;

/** Lambda entry point of the terminal function. */
public final class TerminalHandler extends FunctionHandler {
    public TerminalHandler() {
        super(FunctionGroup.TERMINAL);
    }
}
