using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DistSnn.Core.Study;

/// <summary>
/// YAML text to a <see cref="SpecNode"/> tree, turning every YamlDotNet failure into an <see cref="InputException"/>
/// with the line and column where parsing stopped.
/// </summary>
internal static class SpecTreeLoader
{
    // Aliases make YAML a graph: a self-referencing anchor is a cycle and nested aliases grow exponentially
    // when copied into a tree. No real spec comes near these limits.
    private const int MaxDepth = 64;
    private const int MaxNodes = 100_000;

    /// <summary>A whole spec file: one document whose top is a mapping (an empty file is an empty mapping).</summary>
    public static SpecMap LoadDocument(string text, string origin)
    {
        YamlStream stream = Parse(text, origin, "malformed YAML");
        if (stream.Documents.Count > 1)
        {
            long line = stream.Documents[1].RootNode.Start.Line;
            throw new InputException(origin, $"line {line}", $"expected one YAML document, found {stream.Documents.Count}");
        }
        if (stream.Documents.Count == 0) return new SpecMap(1);
        SpecNode root = new Converter(origin, fromCommandLine: false).Convert(stream.Documents[0].RootNode, 0);
        return root switch
        {
            SpecMap map => map,
            SpecScalar { IsNull: true } => new SpecMap(1),
            _ => throw new InputException(origin, "", $"expected a mapping of keys at the top (format, name, model, ...), got {root.Describe()}"),
        };
    }

    /// <summary>A <c>--set</c> value written as YAML flow (<c>{min: 5, max: 50}</c>, <c>[0.1, 0.2]</c>) or quoted.</summary>
    public static SpecNode LoadValue(string text, string key)
    {
        string field = $"--set {key}";
        YamlStream stream = Parse(text, SettingOverride.Origin, "malformed YAML value", field);
        if (stream.Documents.Count != 1)
            throw new InputException(SettingOverride.Origin, field, $"expected one YAML value, got '{text}'");
        return new Converter(SettingOverride.Origin, fromCommandLine: true).Convert(stream.Documents[0].RootNode, 0);
    }

    private static YamlStream Parse(string text, string origin, string problem, string? field = null)
    {
        var scanner = new Scanner(new StringReader(text));
        try
        {
            // YamlDotNet builds its node tree recursively, so a few thousand nested '[' would overflow the stack;
            // its parser is iterative, so one pass over the events bounds the nesting first.
            var parser = new Parser(scanner);
            int depth = 0;
            while (parser.MoveNext())
            {
                if (parser.Current is MappingStart or SequenceStart && ++depth > MaxDepth)
                    throw new InputException(origin, field ?? $"line {parser.Current.Start.Line}", $"{problem}: nested more than {MaxDepth} levels deep");
                if (parser.Current is MappingEnd or SequenceEnd) depth--;
            }

            scanner = new Scanner(new StringReader(text));
            var stream = new YamlStream();
            stream.Load(new Parser(scanner));
            return stream;
        }
        catch (YamlException e)
        {
            // Some scanner errors (a tab used as indentation) carry the start of the stream as their mark;
            // where the scanner stopped is closer to the fault then.
            Mark at = e.Start.Index == 0 ? scanner.CurrentPosition : e.Start;
            throw new InputException(origin, field ?? $"line {at.Line}, column {at.Column}", $"{problem}: {e.Message}");
        }
        catch (Exception e) when (e is not InputException)
        {
            // YamlDotNet throws plain exceptions for some inputs (InvalidOperationException for an unclosed '['
            // before a 'key: value' line); the scanner's position is still the best pointer we have.
            Mark at = scanner.CurrentPosition;
            throw new InputException(origin, field ?? $"line {at.Line}, column {at.Column}",
                $"{problem}: could not parse here (an unclosed '[', '{{' or quote above?)");
        }
    }

    private sealed class Converter(string origin, bool fromCommandLine)
    {
        private int _nodes;

        public SpecNode Convert(YamlNode node, int depth)
        {
            int? line = fromCommandLine ? null : (int)node.Start.Line;
            if (depth > MaxDepth || ++_nodes > MaxNodes)
                throw new InputException(origin, line is null ? "" : $"line {line}",
                    "the YAML nests or repeats (through aliases) too deeply to be a study spec");
            switch (node)
            {
                case YamlScalarNode scalar:
                    return new SpecScalar(scalar.Value ?? "", scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any, line);
                case YamlSequenceNode sequence:
                    return new SpecList(sequence.Children.Select(child => Convert(child, depth + 1)).ToList(), line);
                case YamlMappingNode mapping:
                    var map = new SpecMap(line);
                    foreach (var (key, value) in mapping.Children)
                    {
                        int? keyLine = fromCommandLine ? null : (int)key.Start.Line;
                        if (key is not YamlScalarNode { Value: { } name })
                            throw new InputException(origin, keyLine is null ? "" : $"line {keyLine}", "expected a plain key, got a list or mapping as a key");
                        map.Set(name, Convert(value, depth + 1), keyLine);
                    }
                    return map;
                default:
                    throw new InputException(origin, line is null ? "" : $"line {line}", $"unsupported YAML node {node.NodeType}");
            }
        }
    }
}
