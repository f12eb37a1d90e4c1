using System.Reflection;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// This build's version and commit, from the assembly's informational version: the SDK appends <c>+&lt;commit&gt;</c>
/// when it builds inside a git checkout, and leaves it off elsewhere (then the commit is "unknown").
/// </summary>
public sealed record BuildVersion(string Version, string Commit)
{
    public const string UnknownCommit = "unknown";

    public static BuildVersion Current { get; } =
        Parse(typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary><c>1.0.0+ede1447c2273...</c> is version 1.0.0 at commit ede1447c2273 (12 hex digits identify a commit in practice).</summary>
    public static BuildVersion Parse(string? informational)
    {
        if (string.IsNullOrWhiteSpace(informational)) return new BuildVersion("unknown", UnknownCommit);
        string[] parts = informational.Split('+', 2);
        string commit = parts.Length == 2 && parts[1].Length > 0 ? parts[1][..Math.Min(12, parts[1].Length)] : UnknownCommit;
        return new BuildVersion(parts[0], commit);
    }

    public override string ToString() => $"{Version} (commit {Commit})";
}
