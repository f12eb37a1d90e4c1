using System.Globalization;
using System.Net;
using System.Text;
using DistSnn.Core.Study;
using DistSnn.Runtime.Storage;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS, plots embedded as data URIs, nothing fetched from the
/// network) with the study, its accuracy table, its plots and its spec, so it can be mailed or archived on its own.
/// </summary>
public static class ReportPage
{
    public const string FileName = "report.html";

    /// <summary>Writes the page into <paramref name="directory"/>, embedding the named PNG files found there.</summary>
    public static string Write(string directory, StudySpec spec, IReadOnlyList<PointSummary> summaries,
        string modelDescription, string dataDescription, IReadOnlyList<string> plotFiles)
    {
        var plots = plotFiles.Select(name => (name, File.ReadAllBytes(Path.Combine(directory, name)))).ToList();
        string path = Path.Combine(directory, FileName);
        AtomicFile.Write(path, Format(spec, summaries, modelDescription, dataDescription, plots));
        return path;
    }

    internal static string Format(StudySpec spec, IReadOnlyList<PointSummary> summaries,
        string modelDescription, string dataDescription, IReadOnlyList<(string Name, byte[] Png)> plots)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>DistSnn study {{E(spec.Name)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
            h1 { margin-bottom: 0.2em; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
            dt { font-weight: bold; }
            dd { margin: 0; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em; text-align: right; }
            th { background: #f4f4f4; }
            td.text { text-align: left; }
            figure { margin: 1.5em 0; }
            img { max-width: 100%; border: 1px solid #eee; }
            pre { background: #f7f7f7; padding: 1em; overflow-x: auto; }
            </style>
            </head>
            <body>
            <h1>Study {{E(spec.Name)}}</h1>
            <dl>
            <dt>Spec hash</dt><dd><code>{{E(ResultFiles.SpecHash(spec))}}</code></dd>
            <dt>Seed</dt><dd>{{spec.Seed}}</dd>
            <dt>Model</dt><dd>{{E(modelDescription)}}</dd>
            <dt>Data</dt><dd>{{E(dataDescription)}}</dd>
            <dt>Points</dt><dd>{{spec.Points.Count}}</dd>
            <dt>Trials per point</dt><dd>{{E(TrialsText(spec.Trials))}}</dd>
            </dl>

            """);

        html.Append("<h2>Accuracy per point</h2>\n<p>Mean accuracy over the trials (virtual chips) with the half-width of its ")
            .Append("Student-t 95% confidence interval; &Delta; is the paired difference to the baseline point ")
            .Append("(the same virtual chips), with its own 95% CI half-width.</p>\n<table>\n<thead><tr><th>point</th>");
        foreach (SweepAxis axis in spec.Sweep) html.Append("<th>").Append(E(axis.Key)).Append("</th>");
        html.Append("<th>trials</th><th>mean</th><th>&plusmn; CI95</th><th>std</th><th>min</th><th>max</th>")
            .Append("<th>&Delta; vs point ").Append(spec.Baseline).Append("</th></tr></thead>\n<tbody>\n");
        foreach (PointSummary s in summaries)
        {
            html.Append("<tr><td>").Append(s.Point).Append("</td>");
            foreach (string value in s.Coordinates) html.Append("<td class=\"text\">").Append(E(value)).Append("</td>");
            html.Append("<td>").Append(s.Trials).Append("</td>")
                .Append("<td>").Append(Number(s.Mean)).Append("</td>")
                .Append("<td>").Append(Number(s.Ci95HalfWidth)).Append("</td>")
                .Append("<td>").Append(Number(s.Std)).Append("</td>")
                .Append("<td>").Append(Number(s.Min)).Append("</td>")
                .Append("<td>").Append(Number(s.Max)).Append("</td>")
                .Append("<td>").Append(Difference(s, spec.Baseline)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        if (plots.Count > 0) html.Append("\n<h2>Plots</h2>\n");
        foreach ((string name, byte[] png) in plots)
        {
            html.Append("<figure><img alt=\"").Append(E(name)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(png)).Append("\"><figcaption>").Append(E(name)).Append("</figcaption></figure>\n");
        }

        html.Append("\n<h2>Spec</h2>\n<p>The effective spec (after <code>--set</code>) as hashed.</p>\n<pre>")
            .Append(E(spec.CanonicalText)).Append("</pre>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Difference(PointSummary s, int baseline) =>
        s.Point == baseline ? "baseline"
        : s.PairedDifference is { } d ? $"{Number(d.Mean)} &plusmn; {Number(d.Ci95HalfWidth)}"
        : "&ndash;";

    /// <summary>Accuracy to four decimals; an undefined statistic (no or one trial) as a dash.</summary>
    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "&ndash;";

    private static string TrialsText(TrialCount trials) =>
        trials.IsAdaptive
            ? $"{trials.Min} to {trials.Max}, until the 95% CI half-width is below {trials.CiHalfWidth!.Value.ToString("R", CultureInfo.InvariantCulture)}"
            : trials.Min.ToString(CultureInfo.InvariantCulture);
}
