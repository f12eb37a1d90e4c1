using System.Globalization;
using System.Net;
using System.Text;
using DistSnn.Core.Study;
using DistSnn.Runtime.Storage;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS, plots embedded as data URIs, nothing fetched from the
/// network) with the study, how it ran, its accuracy table, its plots and its spec as YAML, so it can be mailed or
/// archived on its own. It fits a 1,280 px screen and a phone's 390 px without the page scrolling sideways: text
/// wraps, images shrink, and the wide table and the spec scroll inside their own boxes (<see cref="Css"/>).
/// </summary>
public static class ReportPage
{
    public const string FileName = "report.html";

    /// <summary>The page's style. A table can be wider than a phone; only its wrapper (<c>div.table-wrap</c>) may then scroll.</summary>
    internal const string Css = """
        * { box-sizing: border-box; }
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 64em; padding: 0 1em; color: #222; line-height: 1.4; overflow-wrap: anywhere; }
        h1 { margin-bottom: 0.2em; }
        dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2em 1em; }
        dt { font-weight: bold; }
        dd { margin: 0; min-width: 0; }
        code { word-break: break-all; }
        .table-wrap { max-width: 100%; overflow-x: auto; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.5em; text-align: right; vertical-align: top; overflow-wrap: normal; }
        th { background: #f4f4f4; font-weight: 600; }
        td { white-space: nowrap; }
        td.difference { white-space: normal; }
        th.text, td.text { text-align: left; }
        .nowrap { white-space: nowrap; }
        .pairs { color: #666; font-size: 0.85em; }
        figure { margin: 1.5em 0; }
        img { max-width: 100%; height: auto; border: 1px solid #eee; }
        pre { background: #f7f7f7; padding: 1em; max-width: 100%; overflow-x: auto; }
        @media (max-width: 600px) { body { margin: 1em auto; padding: 0 0.5em; } dl { grid-template-columns: minmax(0, 1fr); } dd { margin-bottom: 0.4em; } }
        """;

    /// <summary>Writes the page into <paramref name="directory"/>, embedding the named PNG files found there.</summary>
    /// <param name="run">How the study ran; null leaves those lines out.</param>
    /// <param name="references">The ideal-device and software accuracies; null when there are none.</param>
    public static string Write(string directory, StudySpec spec, IReadOnlyList<PointSummary> summaries,
        string modelDescription, string dataDescription, IReadOnlyList<string> plotFiles,
        RunDescription? run = null, AccuracyReferences? references = null)
    {
        var plots = plotFiles.Select(name => (name, File.ReadAllBytes(Path.Combine(directory, name)))).ToList();
        string path = Path.Combine(directory, FileName);
        AtomicFile.Write(path, Format(spec, summaries, modelDescription, dataDescription, plots, run, references ?? AccuracyReferences.None));
        return path;
    }

    internal static string Format(StudySpec spec, IReadOnlyList<PointSummary> summaries,
        string modelDescription, string dataDescription, IReadOnlyList<(string Name, byte[] Png)> plots,
        RunDescription? run, AccuracyReferences references)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>DistSnn study {{E(spec.Name)}}</title>
            <style>
            {{Css}}
            </style>
            </head>
            <body>
            <h1>Study {{E(spec.Name)}}</h1>
            <dl>

            """);
        if (run is not null)
        {
            Row(html, "Date", run.Started.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            Row(html, "DistSnn", $"version {run.Build.Version}, commit {run.Build.Commit}");
            Row(html, "Run time", Duration(run.Elapsed));
            Row(html, "Machine", run.Machine);
            Row(html, "Workers", run.Workers);
        }
        html.Append("<dt>Spec hash</dt><dd><code>").Append(E(ResultFiles.SpecHash(spec))).Append("</code></dd>\n");
        Row(html, "Seed", spec.Seed.ToString(CultureInfo.InvariantCulture));
        Row(html, "Model", modelDescription);
        Row(html, "Data", dataDescription);
        Row(html, "Points", spec.Points.Count.ToString(CultureInfo.InvariantCulture));
        Row(html, "Trials per point", TrialsText(spec.Trials));
        Row(html, "Ideal-device accuracy", references.IdealDevices is double ideal
            ? $"{Number(ideal)} (the same model and data with every device non-ideality off; trial {IdealDeviceAccuracy.Trial}, the baseline point's model settings)"
            : spec.IdealReference ? "not computed" : "not computed (report.ideal_reference: false)");
        Row(html, "Software accuracy", references.Software is double software
            ? $"{Number(software)} (the trained ANN, from the model's metadata)"
            : "not in the model's metadata");
        html.Append("</dl>\n");

        AppendTable(html, spec, summaries);
        AppendChipTable(html, spec, summaries);

        if (plots.Count > 0) html.Append("\n<h2>Plots</h2>\n");
        foreach ((string name, byte[] png) in plots)
        {
            string svg = PlotFiles.SvgName(name);
            html.Append("<figure><img alt=\"").Append(E(name)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(png)).Append("\"><figcaption>").Append(E(name))
                .Append(" (vector: <a href=\"").Append(E(svg)).Append("\">").Append(E(svg)).Append("</a>)</figcaption></figure>\n");
        }

        html.Append("\n<h2>Spec</h2>\n<p>The effective spec (after <code>--set</code>, every default filled in); ")
            .Append("run it again with <code>distsnn study SPEC.yaml</code>.</p>\n<pre>")
            .Append(E(SpecYaml.Format(spec))).Append("</pre>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        html.Append("\n<h2>Accuracy per point</h2>\n<p>Mean accuracy over the trials (virtual chips) with the half-width of its ")
            .Append("Student-t 95% confidence interval; &Delta; is the paired difference to the baseline point ")
            .Append("(the same virtual chips), with its own 95% CI half-width and the number of pairs it rests on.</p>\n")
            .Append("<div class=\"table-wrap\">\n<table>\n<thead><tr><th>point</th>");
        foreach (SweepAxis axis in spec.Sweep)
            html.Append("<th class=\"text\" title=\"").Append(E(axis.Key)).Append("\">").Append(E(SpecKeyLabels.For(axis.Key, spec))).Append("</th>");
        html.Append("<th>trials</th><th>mean</th><th>&plusmn; CI95</th><th>std</th><th>min</th><th>max</th>")
            .Append("<th>&Delta; vs point ").Append(spec.Baseline).Append("</th>");
        if (spec.YieldThreshold is { } threshold)
            html.Append("<th title=\"chips whose accuracy reaches the yield_threshold, exact (Clopper-Pearson) 95% interval\">yield &ge; ")
                .Append(ResultFiles.Number(threshold)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
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
                .Append("<td class=\"difference\">").Append(Difference(s, spec.Baseline)).Append("</td>");
            if (spec.YieldThreshold is not null) html.Append("<td class=\"difference\">").Append(Yield(s)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n");
    }

    /// <summary>What the chips were and did, per point: the means of <see cref="ChipStatistics"/> over its chips.</summary>
    private static void AppendChipTable(StringBuilder html, StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        if (summaries.All(s => s.Chip is null)) return;
        int layers = summaries.Max(s => s.Chip?.SpikeRates.Count ?? 0);
        EnergySettings e = spec.Energy;
        html.Append("\n<h2>What the chips were</h2>\n<p>Per point, averaged over its chips (<code>chips.csv</code> has every chip's counters): ")
            .Append("the share of stuck devices, synaptic events (active input rows times tile columns) per sample, each layer's spike rate ")
            .Append("(spikes per neuron and time step) and the energy estimate per sample from ")
            .Append(E(string.Create(CultureInfo.InvariantCulture, $"{e.DeviceReadFj} fJ per device read, {e.AdcConversionPj} pJ per ADC conversion, {e.NeuronUpdatePj} pJ per neuron update")))
            .Append(" (<code>energy</code> in the spec).</p>\n<div class=\"table-wrap\">\n<table>\n<thead><tr><th>point</th>");
        foreach (SweepAxis axis in spec.Sweep)
            html.Append("<th class=\"text\" title=\"").Append(E(axis.Key)).Append("\">").Append(E(SpecKeyLabels.For(axis.Key, spec))).Append("</th>");
        html.Append("<th>stuck devices</th><th>synaptic events / sample</th>");
        for (int l = 0; l < layers; l++) html.Append("<th>spike rate, layer ").Append(l).Append("</th>");
        html.Append("<th>energy / sample (nJ)</th></tr></thead>\n<tbody>\n");
        foreach (PointSummary s in summaries)
        {
            if (s.Chip is not { } chip) continue;
            html.Append("<tr><td>").Append(s.Point).Append("</td>");
            foreach (string value in s.Coordinates) html.Append("<td class=\"text\">").Append(E(value)).Append("</td>");
            html.Append("<td>").Append((100 * chip.StuckFraction).ToString("F2", CultureInfo.InvariantCulture)).Append(" %</td>")
                .Append("<td>").Append(chip.SynapticEventsPerSample.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
            for (int l = 0; l < layers; l++)
                html.Append("<td>").Append(l < chip.SpikeRates.Count ? chip.SpikeRates[l].ToString("F4", CultureInfo.InvariantCulture) : "&ndash;").Append("</td>");
            html.Append("<td>").Append(chip.EnergyPerSampleNj.ToString("G4", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Row(StringBuilder html, string term, string text) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(text)).Append("</dd>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The mean and the CI may wrap onto two lines, never inside a number: the column stays narrow.</summary>
    private static string Difference(PointSummary s, int baseline) =>
        s.Point == baseline ? "baseline"
        : s.PairedDifference is { } d ? $"<span class=\"nowrap\">{Number(d.Mean)}</span> <span class=\"nowrap\">&plusmn; {Number(d.Ci95HalfWidth)}</span> <span class=\"nowrap pairs\">n = {d.Pairs}</span>"
        : "&ndash;";

    /// <summary>Chips reaching the threshold of all, the share and its exact 95% interval, wrapping only between parts.</summary>
    private static string Yield(PointSummary s) => s.Yield is { Chips: > 0 } y
        ? $"<span class=\"nowrap\">{y.Passing}/{y.Chips} = {Number(y.Fraction)}</span> <span class=\"nowrap\">[{Number(y.Ci95Low)}, {Number(y.Ci95High)}]</span>"
        : "&ndash;";

    /// <summary>Accuracy to four decimals; an undefined statistic (no or one trial) as a dash.</summary>
    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "&ndash;";

    private static string Duration(TimeSpan elapsed) =>
        elapsed.TotalSeconds < 60 ? elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"
        : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s"
        : $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min";

    private static string TrialsText(TrialCount trials) =>
        trials.IsAdaptive
            ? $"{trials.Min} to {trials.Max}, until the 95% CI half-width is below {trials.CiHalfWidth!.Value.ToString("R", CultureInfo.InvariantCulture)}"
            : trials.Min.ToString(CultureInfo.InvariantCulture);
}
