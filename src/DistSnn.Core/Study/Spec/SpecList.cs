namespace DistSnn.Core.Study;

/// <summary>A YAML sequence.</summary>
internal sealed class SpecList(IReadOnlyList<SpecNode> items, int? line) : SpecNode(line)
{
    public IReadOnlyList<SpecNode> Items { get; } = items;

    public override string Describe() => "a list";
}
