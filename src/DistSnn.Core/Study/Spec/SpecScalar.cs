namespace DistSnn.Core.Study;

/// <summary>A scalar as written. A plain empty, <c>~</c> or <c>null</c> scalar stands for "not given".</summary>
internal sealed class SpecScalar(string text, bool quoted, int? line) : SpecNode(line)
{
    public string Text { get; } = text;

    /// <summary>Written in quotes: <c>'null'</c> is then the text "null", not a missing value.</summary>
    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && Text.Trim() is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing" : ScalarSyntax.Shown(Text);
}
