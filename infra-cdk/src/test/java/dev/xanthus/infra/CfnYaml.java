package dev.xanthus.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads a CloudFormation YAML template, turning short-form intrinsics ({@code !Ref X}) into {@code {Ref: X}}. */
final class CfnYaml {

    private CfnYaml() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml(new Intrinsics()).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Intrinsics extends SafeConstructor {
        Intrinsics() {
            super(new LoaderOptions());
            for (String fn : List.of(
                    "Ref",
                    "GetAtt",
                    "Sub",
                    "Join",
                    "Select",
                    "Split",
                    "If",
                    "Equals",
                    "Not",
                    "FindInMap",
                    "GetAZs",
                    "ImportValue",
                    "Base64")) {
                String key = fn.equals("Ref") ? "Ref" : "Fn::" + fn;
                yamlConstructors.put(new Tag("!" + fn), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = fn.equals("GetAtt")
                                    ? List.of(scalar.getValue().split("\\.", 2))
                                    : scalar.getValue();
                        } else if (node instanceof SequenceNode seq) {
                            value = constructSequence(seq);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }
    }
}
