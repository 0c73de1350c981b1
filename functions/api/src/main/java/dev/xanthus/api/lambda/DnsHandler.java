package dev.xanthus.api.lambda;

import dev.xanthus.api.function.FunctionGroup;

/** Lambda entry point of the dns function. */
public final class DnsHandler extends FunctionHandler {
    public DnsHandler() {
        super(FunctionGroup.DNS);
    }
}
