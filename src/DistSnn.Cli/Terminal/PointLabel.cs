using DistSnn.Core.Study;

namespace DistSnn.Cli.Terminal;

/// <summary>
/// A sweep point as a short line of <c>key=value</c> pairs for the progress display, e.g.
/// <c>read.sigma=0.25 stuck_off=0.03</c>. Each swept key keeps its last dotted part, or its last two where the last
/// alone would also name another spec key (<c>sigma</c> is read, programming and neuron noise).
/// </summary>
internal static class PointLabel
{
    /// <summary>The label of every point, in point order.</summary>
    public static IReadOnlyList<string> Of(StudySpec spec)
    {
        var keys = spec.Sweep.Select(axis => ShortKey(axis.Key)).ToList();
        return spec.Points.Select(point => keys.Count == 0
            ? $"point {point.Index}"
            : string.Join(" ", keys.Select((key, a) => $"{key}={point.Coordinates[a]}"))).ToList();
    }

    public static string ShortKey(string key)
    {
        string[] parts = key.Split('.');
        string last = parts[^1];
        bool shared = StudySpecReader.KnownKeys.Any(k => k != key && (k == last || k.EndsWith("." + last, StringComparison.Ordinal)));
        return shared && parts.Length > 1 ? $"{parts[^2]}.{last}" : last;
    }
}
