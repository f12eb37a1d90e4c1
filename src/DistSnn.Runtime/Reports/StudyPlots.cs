using DistSnn.Core.Study;

namespace DistSnn.Runtime.Reports;

/// <summary>Every plot of a study: the accuracy plots, then the difference plots; each a PNG with an SVG beside it.</summary>
public static class StudyPlots
{
    /// <summary>Writes them into <paramref name="directory"/> and returns the PNG files' names, in that order.</summary>
    public static IReadOnlyList<string> Write(string directory, StudySpec spec, IReadOnlyList<PointSummary> summaries, AccuracyReferences references) =>
        [.. AccuracyPlots.Write(directory, spec, summaries, references), .. DifferencePlots.Write(directory, spec, summaries)];
}
