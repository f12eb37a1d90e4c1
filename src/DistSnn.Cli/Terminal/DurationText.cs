using System.Globalization;

namespace DistSnn.Cli.Terminal;

/// <summary>A duration as a person reads it in a progress line: <c>45 s</c>, <c>12 min</c>, <c>3.5 h</c>.</summary>
internal static class DurationText
{
    public static string Of(TimeSpan duration)
    {
        double seconds = Math.Max(0, duration.TotalSeconds);
        if (seconds < 120) return string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s");
        if (seconds < 2 * 3600) return string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min");
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h");
    }

    /// <summary>The time left, or <c>n/a</c> while there is no rate to extrapolate from.</summary>
    public static string Of(TimeSpan? remaining) => remaining is { } r ? Of(r) : "n/a";
}
