using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Study;

/// <summary>
/// The study's output files (INTERFACE.md): <c>trials.csv</c>, <c>summary.csv</c>, <c>summary.json</c>.
/// Numbers are printed round-trip ("R") with the invariant culture and "\n" line ends, so two runs can be
/// compared byte for byte.
/// </summary>
public static class ResultFiles
{
    public const string TrialsCsv = "trials.csv";
    public const string SummaryCsv = "summary.csv";
    public const string SummaryJson = "summary.json";
    public const string ChipsCsv = "chips.csv";

    /// <summary>SHA-256 of the spec's canonical text, lower-case hex.</summary>
    public static string SpecHash(StudySpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(spec.CanonicalText)));

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Header <c>point,trial,&lt;sweep keys&gt;,accuracy,correct,total</c>; one row per trial sorted by point, trial.</summary>
    public static string FormatTrials(StudySpec spec, IEnumerable<TrialRecord> records)
    {
        var text = new StringBuilder();
        text.Append("point,trial");
        foreach (SweepAxis axis in spec.Sweep) text.Append(',').Append(Csv(axis.Key));
        text.Append(",accuracy,correct,total\n");
        foreach (TrialRecord r in records.OrderBy(r => r.Point).ThenBy(r => r.Trial))
        {
            text.Append(r.Point).Append(',').Append(r.Trial);
            foreach (string value in spec.Points[r.Point].Coordinates) text.Append(',').Append(Csv(value));
            text.Append(',').Append(Number(r.Result.Accuracy))
                .Append(',').Append(r.Result.Correct)
                .Append(',').Append(r.Result.Total).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// What every chip counted, one row per trial and layer, sorted by point, trial, layer: header
    /// <c>point,trial,&lt;sweep keys&gt;,layer,&lt;counter names&gt;</c> (<see cref="ChipCounter"/> in snake_case), exact integers.
    /// </summary>
    public static string FormatChips(StudySpec spec, IEnumerable<TrialRecord> records)
    {
        var text = new StringBuilder();
        text.Append("point,trial");
        foreach (SweepAxis axis in spec.Sweep) text.Append(',').Append(Csv(axis.Key));
        text.Append(",layer");
        foreach (ChipCounter counter in Enum.GetValues<ChipCounter>()) text.Append(',').Append(ChipCounters.Name(counter));
        text.Append('\n');
        foreach (TrialRecord r in records.OrderBy(r => r.Point).ThenBy(r => r.Trial))
        {
            for (int l = 0; l < r.Result.Counters.Layers; l++)
            {
                text.Append(r.Point).Append(',').Append(r.Trial);
                foreach (string value in spec.Points[r.Point].Coordinates) text.Append(',').Append(Csv(value));
                text.Append(',').Append(l);
                foreach (ChipCounter counter in Enum.GetValues<ChipCounter>())
                    text.Append(',').Append(r.Result.Counters[l, counter].ToString(CultureInfo.InvariantCulture));
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The columns summary.csv has after INTERFACE.md's fixed ones: the standard error, then the paired
    /// difference to the baseline point (mean, Student-t 95% CI) and the number of trials it pairs.</summary>
    public static readonly IReadOnlyList<string> SummaryExtraColumns =
        ["accuracy_se", "paired_diff_mean", "paired_diff_ci95_low", "paired_diff_ci95_high", "paired_diff_pairs"];

    /// <summary>The columns summary.csv has last when the spec sets a <c>yield_threshold</c> (without one the header
    /// is as before): the threshold, the chips reaching it, their fraction and its exact (Clopper-Pearson) 95% interval.</summary>
    public static readonly IReadOnlyList<string> YieldColumns = ["yield_threshold", "yield_passing", "yield", "yield_ci95_low", "yield_ci95_high"];

    /// <summary>Header <c>point,&lt;sweep keys&gt;,trials,accuracy_mean,accuracy_std,ci95_low,ci95_high</c> (fixed) and then
    /// <see cref="SummaryExtraColumns"/>; an undefined number (the spread of one trial) is <c>NaN</c>.</summary>
    public static string FormatSummary(StudySpec spec, IEnumerable<PointSummary> summaries)
    {
        var text = new StringBuilder();
        text.Append("point");
        foreach (SweepAxis axis in spec.Sweep) text.Append(',').Append(Csv(axis.Key));
        text.Append(",trials,accuracy_mean,accuracy_std,ci95_low,ci95_high");
        foreach (string column in SummaryExtraColumns) text.Append(',').Append(column);
        bool yields = spec.YieldThreshold is not null;
        if (yields) foreach (string column in YieldColumns) text.Append(',').Append(column);
        text.Append('\n');
        foreach (PointSummary s in summaries)
        {
            text.Append(s.Point);
            foreach (string value in s.Coordinates) text.Append(',').Append(Csv(value));
            text.Append(',').Append(s.Trials)
                .Append(',').Append(Number(s.Mean))
                .Append(',').Append(Number(s.Std))
                .Append(',').Append(Number(s.Ci95Low))
                .Append(',').Append(Number(s.Ci95High))
                .Append(',').Append(Number(s.StandardError));
            // Empty, not NaN, where no difference was computed: NaN says "computed, undefined".
            PairedDifference? d = s.PairedDifference;
            text.Append(',').Append(d is null ? "" : Number(d.Mean))
                .Append(',').Append(d is null ? "" : Number(d.Ci95Low))
                .Append(',').Append(d is null ? "" : Number(d.Ci95High))
                .Append(',').Append(d is null ? "" : d.Pairs.ToString(CultureInfo.InvariantCulture));
            if (yields && s.Yield is { } y)
                text.Append(',').Append(Number(y.Threshold)).Append(',').Append(y.Passing)
                    .Append(',').Append(Number(y.Fraction)).Append(',').Append(Number(y.Ci95Low)).Append(',').Append(Number(y.Ci95High));
            else if (yields) text.Append(",,,,,");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The study, its hash and every point's statistics with its paired difference to the baseline point
    /// (NaN, undefined for one trial, is written as null). Numbers are JSON numbers, sweep coordinates included;
    /// strings only where the value is text.</summary>
    /// <param name="modelSettings">The model's run-time settings as the study runs them (<c>model_settings</c>); null leaves them out.</param>
    /// <param name="idealAccuracy">The model's accuracy on ideal devices (<see cref="IdealDeviceAccuracy"/>);
    /// null (written as null) when the study did not compute it.</param>
    public static string FormatSummaryJson(StudySpec spec, IReadOnlyList<PointSummary> summaries, string modelDescription, string dataDescription,
        IReadOnlyList<ModelSetting>? modelSettings = null, double? idealAccuracy = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", "distsnn-summary/1");
            json.WriteString("name", spec.Name);
            json.WriteString("spec_hash", SpecHash(spec));
            json.WriteNumber("seed", spec.Seed);
            json.WriteString("model", modelDescription);
            if (modelSettings is not null) WriteModelSettings(json, modelSettings);
            json.WriteString("data", dataDescription);
            json.WriteStartArray("sweep");
            foreach (SweepAxis axis in spec.Sweep) json.WriteStringValue(axis.Key);
            json.WriteEndArray();
            json.WriteNumber("baseline", spec.Baseline);
            WriteNumber(json, "ideal_accuracy", idealAccuracy ?? double.NaN);
            json.WriteStartArray("points");
            foreach (PointSummary s in summaries)
            {
                json.WriteStartObject();
                json.WriteNumber("point", s.Point);
                json.WriteStartObject("coordinates");
                for (int i = 0; i < spec.Sweep.Count; i++) WriteValue(json, spec.Sweep[i].Key, s.Coordinates[i]);
                json.WriteEndObject();
                json.WriteNumber("trials", s.Trials);
                WriteNumber(json, "accuracy_mean", s.Mean);
                WriteNumber(json, "accuracy_std", s.Std);
                WriteNumber(json, "accuracy_se", s.StandardError);
                WriteNumber(json, "ci95_low", s.Ci95Low);
                WriteNumber(json, "ci95_high", s.Ci95High);
                WriteNumber(json, "accuracy_min", s.Min);
                WriteNumber(json, "accuracy_max", s.Max);
                WriteNumber(json, "adc_clip_fraction", s.AdcClipFraction);
                WritePairedDifference(json, s.PairedDifference);
                if (s.Yield is { } yield) WriteYield(json, yield);
                if (s.Chip is { } chip) WriteChip(json, chip);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary><c>chip</c>: what the point's chips were and did, averaged over them.</summary>
    private static void WriteChip(Utf8JsonWriter json, ChipStatistics chip)
    {
        json.WriteStartObject("chip");
        WriteNumber(json, "stuck_fraction", chip.StuckFraction);
        WriteNumber(json, "synaptic_events_per_sample", chip.SynapticEventsPerSample);
        json.WriteStartArray("spike_rates");
        foreach (double rate in chip.SpikeRates) json.WriteNumberValue(rate);
        json.WriteEndArray();
        WriteNumber(json, "energy_per_sample_nj", chip.EnergyPerSampleNj);
        json.WriteEndObject();
    }

    /// <summary><c>yield</c> (only with a <c>yield_threshold</c>): the chips reaching it, their fraction and its exact 95% interval.</summary>
    private static void WriteYield(Utf8JsonWriter json, YieldEstimate yield)
    {
        json.WriteStartObject("yield");
        WriteNumber(json, "threshold", yield.Threshold);
        json.WriteNumber("chips", yield.Chips);
        json.WriteNumber("passing", yield.Passing);
        WriteNumber(json, "fraction", yield.Fraction);
        WriteNumber(json, "ci95_low", yield.Ci95Low);
        WriteNumber(json, "ci95_high", yield.Ci95High);
        json.WriteEndObject();
    }

    /// <summary><c>paired_difference</c>: this point minus the baseline, trial by trial (null when not computed).</summary>
    private static void WritePairedDifference(Utf8JsonWriter json, PairedDifference? difference)
    {
        if (difference is null)
        {
            json.WriteNull("paired_difference");
            return;
        }
        json.WriteStartObject("paired_difference");
        json.WriteNumber("baseline", difference.Baseline);
        // "trials" as first written; "pairs" says what it counts: trials present at both points (adaptive counts differ).
        json.WriteNumber("trials", difference.Pairs);
        json.WriteNumber("pairs", difference.Pairs);
        WriteNumber(json, "mean", difference.Mean);
        WriteNumber(json, "std", difference.Std);
        WriteNumber(json, "se", difference.StandardError);
        WriteNumber(json, "ci95_low", difference.Ci95Low);
        WriteNumber(json, "ci95_high", difference.Ci95High);
        json.WriteEndObject();
    }

    /// <summary><c>model_settings</c>: per spec key, its value (or swept values) and where it comes from: model, spec or sweep.</summary>
    private static void WriteModelSettings(Utf8JsonWriter json, IReadOnlyList<ModelSetting> settings)
    {
        json.WriteStartObject("model_settings");
        foreach (ModelSetting setting in settings)
        {
            json.WriteStartObject(setting.Key);
            if (setting.Source == ModelSettingSource.Sweep)
            {
                json.WriteStartArray("values");
                foreach (string value in setting.Values) WriteValue(json, null, value);
                json.WriteEndArray();
            }
            else
            {
                WriteValue(json, "value", setting.Values[0]);
            }
            json.WriteString("source", setting.Source.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>A spec value: a JSON number when it is one (as the spec prints numbers), else a string.</summary>
    private static void WriteValue(Utf8JsonWriter json, string? name, string value)
    {
        bool number = ScalarSyntax.TryNumber(value, out double parsed);
        if (name is null)
        {
            if (number) json.WriteNumberValue(parsed);
            else json.WriteStringValue(value);
        }
        else if (number)
        {
            json.WriteNumber(name, parsed);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

    /// <summary>Quotes a CSV field only when it needs it.</summary>
    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
